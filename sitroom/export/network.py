"""network.graphml and network.json: who backs, leads, belongs to, negotiates with and fights whom.

Nodes are the actors of the store's ``actors`` table (plus any name an edge uses). Edges form a
directed multigraph keyed by relation:

- stated relations (``relations`` table), weight = number of articles stating it;
- ``fights`` edges derived from events (actor1 -> actor2 of Battles, Explosions/Remote
  violence and Violence against civilians), weight = number of events. A ``fights`` relation
  stated in the text joins the event-derived edge of the same pair: its articles and evidence
  are added, and it counts when no event supports the pair.

Lists and evidence are JSON strings, because GraphML attributes are scalars.
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from ..events.codebook import EventType
from ..model import Event, Evidence
from ..store import Store
from .files import write_atomic

LOGGER = logging.getLogger(__name__)

GRAPHML = "network.graphml"
NODE_LINK = "network.json"

FIGHTS = "fights"
_VIOLENT = frozenset({EventType.BATTLES.value, EventType.EXPLOSIONS.value, EventType.VAC.value})


@dataclass(slots=True)
class _Edge:
    """One (source, relation, target) edge being gathered."""

    docs: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    evidence: set[Evidence] = field(default_factory=set)
    stated: bool = False

    def attributes(self, relation: str) -> dict[str, Any]:
        spans = sorted(self.evidence, key=lambda e: (e.article_id, e.start, e.end, e.text))
        weight = len(self.events) if self.events else len(self.docs)
        return {
            "relation": relation,
            "weight": weight,
            "stated": self.stated,
            "docs": json.dumps(sorted(self.docs), ensure_ascii=False),
            "events": json.dumps(sorted(self.events)),
            "evidence": json.dumps([s.to_dict() for s in spans], ensure_ascii=False, sort_keys=True),
        }


def build_graph(store: Store) -> nx.MultiDiGraph:
    """Return the actor network of the store, nodes and edges in sorted order."""
    edges: dict[tuple[str, str, str], _Edge] = {}
    spans = store.relation_evidence()
    for rel in store.relations():
        edge = edges.setdefault((rel.source, rel.relation, rel.target), _Edge())
        edge.docs.update(rel.docs)
        edge.evidence.update(spans.get((rel.source, rel.relation, rel.target), (rel.evidence,)))
        edge.stated = True
    for event in store.events():
        _add_fight(edges, event)
    graph = nx.MultiDiGraph()
    actors = {a.name: a for a in store.actors()}
    for name in sorted(set(actors) | {n for s, _, t in edges for n in (s, t)}):
        actor = actors.get(name)
        graph.add_node(
            name,
            type=(actor.type if actor else None) or "",
            country=(actor.country if actor else None) or "",
            acled_name=actor.acled_name if actor else name,
            provisional=actor.provisional if actor else True,
            mentions=actor.mentions if actor else 0,
        )
    for (source, relation, target), edge in sorted(edges.items()):
        graph.add_edge(source, target, key=relation, **edge.attributes(relation))
    return graph


def _add_fight(edges: dict[tuple[str, str, str], _Edge], event: Event) -> None:
    if event.event_type not in _VIOLENT or not event.actor1 or not event.actor2 or event.actor1 == event.actor2:
        return
    edge = edges.setdefault((event.actor1, FIGHTS, event.actor2), _Edge())
    edge.events.add(event.id)
    edge.docs.update(event.docs)
    trigger = event.evidence.get("event_type")
    if trigger is not None:
        edge.evidence.add(trigger)


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """Return the GraphML document of ``graph`` (UTF-8)."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Return the node-link form of ``graph`` (``networkx.node_link_graph`` reads it back)."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="links")
    return data


def write_graphml(store: Store, out_dir: Path) -> Path:
    """Write ``network.graphml`` into ``out_dir`` and return its path."""
    return write_atomic(out_dir / GRAPHML, graphml_bytes(build_graph(store)))


def write_node_link(store: Store, out_dir: Path) -> Path:
    """Write ``network.json`` (node-link JSON for the web page) into ``out_dir`` and return its path."""
    text = json.dumps(node_link(build_graph(store)), ensure_ascii=False, separators=(",", ":")) + "\n"
    return write_atomic(out_dir / NODE_LINK, text.encode("utf-8"))
