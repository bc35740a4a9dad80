"""Colours and sizes shared by every exporter (HTML map, GraphML r/g/b, GEXF viz)."""
from __future__ import annotations

ACTOR_COLOURS: dict[str, str] = {
    "state": "#1f77b4",
    "armed_group": "#d62728",
    "security_agency": "#9467bd",
    "person": "#2ca02c",
    "political_org": "#ff7f0e",
    "other": "#7f7f7f",
}
RELATION_COLOURS: dict[str, str] = {"allegiance": "#1f4e79", "clash": "#c0392b"}
#: the map's "colour by bloc" mode: bloc i takes colour i (cycling); actors in no bloc are grey
BLOC_COLOURS: tuple[str, ...] = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6",
                                 "#bfef45", "#469990", "#9a6324", "#800000", "#808000", "#000075", "#fabed4")


def actor_colour(actor_type: str) -> str:
    """Hex colour for an actor type (grey for unknown types)."""
    return ACTOR_COLOURS.get(actor_type, ACTOR_COLOURS["other"])


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """'#1f77b4' -> (31, 119, 180)."""
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)
