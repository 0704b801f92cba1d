"""network.graphml / network.json: actor nodes, stated relations and event-derived fights."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from sitroom.export import write_all
from sitroom.store import open_store

from .helpers import fill

NAMES = ["network.graphml", "network.json"]


def test_network_graphml_has_actor_nodes_and_weighted_edges(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        fill(store)
        written = write_all(store, tmp_path, names=NAMES)
    graph = nx.read_graphml(written["network.graphml"], force_multigraph=True)
    assert sorted(graph.nodes) == ["Civilians (Syria)", "Dovan Front", "Iran", "Military Forces of Syria",
                                   "Unknown drone operators"]  # fmt: skip
    assert graph.nodes["Dovan Front"] == {"type": "rebel", "country": "Syria", "acled_name": "Dovan Front",
                                          "provisional": False, "mentions": 2}  # fmt: skip
    edges = {(s, t, d["relation"]): d for s, t, d in graph.edges(data=True)}
    assert set(edges) == {
        ("Iran", "Dovan Front", "backs"),
        ("Dovan Front", "Military Forces of Syria", "fights"),
        ("Military Forces of Syria", "Civilians (Syria)", "fights"),
    }
    backs = edges[("Iran", "Dovan Front", "backs")]
    assert backs["weight"] == 2 and json.loads(backs["docs"]) == ["a.txt#1", "a.txt#2"] and backs["stated"]
    assert [e["text"] for e in json.loads(backs["evidence"])] == ["Iran backs the Dovan Front", "Warplanes"]
    fight = edges[("Dovan Front", "Military Forces of Syria", "fights")]
    assert fight["weight"] == 1 and json.loads(fight["events"]) == ["e1aaaaaaaaaaaaaa"] and not fight["stated"]


def test_network_json_is_node_link_and_both_files_are_byte_stable(tmp_path: Path) -> None:
    outputs = []
    for run in range(2):
        with open_store(tmp_path / "s.duckdb") as store:
            fill(store)
            written = write_all(store, tmp_path / f"o{run}", names=NAMES)
        outputs.append([Path(written[n]).read_bytes() for n in NAMES])
    assert outputs[0] == outputs[1]
    graph = nx.node_link_graph(json.loads(outputs[0][1]), edges="links")
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 3


def test_network_empty_store_gives_empty_graphs(tmp_path: Path) -> None:
    with open_store(":memory:") as store:
        written = write_all(store, tmp_path, names=NAMES)
    assert nx.read_graphml(written["network.graphml"]).number_of_nodes() == 0
    assert json.loads(Path(written["network.json"]).read_text(encoding="utf-8"))["nodes"] == []
