"""Writes the demo workshop's day (Themenbörse, programme, two boards, takeaways) through the real operations.

Run once after changing the demo personas: ``.venv/bin/python docs/demo_day.py``. The result lives in
``personas/fellowtag-demo/tag/`` and is committed like the personas.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from werkstatt import day, matching
from werkstatt.store import WorkshopFolder

DEMO = Path(__file__).resolve().parent.parent / "personas" / "fellowtag-demo"
STAMP = dt.datetime(2026, 11, 19, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def main() -> None:
    shutil.rmtree(DEMO / day.DAY_DIR, ignore_errors=True)
    folder = WorkshopFolder(DEMO)
    workshop = folder.workshop()
    personas = {r.slug: r.persona for r in folder.personas() if r.ok}

    def market(change):
        return folder._update_day(  # a fixed time stamp keeps the demo files stable
            day.MARKET_FILE, lambda d: day.parse_market(d, workshop), day.market_to_data, change, STAMP
        )

    ideas = [
        (
            "Gemeinsamer Datenbestand mit Schulamt, Gesundheitsamt und Jobcenter",
            "bestand",
            "lindenau",
            ["daten", "kooperation"],
            "Wer hat Kooperationsvereinbarungen zum Datenaustausch? Was steht darin?",
        ),
        (
            "Beteiligung, die bleibt: vom Jugendforum zur festen Struktur",
            "umsetzung",
            "neustrand",
            ["beteiligung"],
            "Eine Umfrage hatten wir. Wie wird daraus etwas, das Jugendliche ernst nehmen?",
        ),
        (
            "Präventionskette steuern – womit anfangen?",
            "planung",
            "landkreis-saalwinkel",
            ["kinderarmut", "kooperation"],
            "Erste Schritte, Steuerungsgruppe, Zuständigkeiten.",
        ),
        ("Ombudsstelle: einen unabhängigen Träger finden", "massnahmen", "kesselbrunn", ["kjsg"], ""),
        ("Fachkräfte für die Planung gewinnen und halten", "umsetzung", "hafenstedt", ["personal"], ""),
        (
            "Kinderarmut im ländlichen Raum sichtbar machen",
            "bedarf",
            "landkreis-hohenau-tannberg",
            ["kinderarmut", "daten"],
            "Kleinräumige Daten, wenn die Statistik nur den Kreis kennt.",
        ),
        ("Datenaustausch zwischen Ämtern", "bestand", "landkreis-seenwalde", ["daten"], ""),
        ("Verfahrenslotse nach KJSG: wo ansiedeln?", "massnahmen", "landkreis-seenwalde", ["kjsg"], ""),
    ]
    for title, step, kommune, topics, description in ideas:
        market(lambda m, a=(title, description, step, kommune, topics): m.submit_idea(*a))
    for idea, kommune in [
        ("idee-1", "landkreis-saalwinkel"),
        ("idee-2", "landkreis-hohenau-tannberg"),
        ("idee-3", "rheinfurt"),
        ("idee-3", "landkreis-talheim"),
        ("idee-5", "neustrand"),
        ("idee-6", "landkreis-talheim"),
    ]:
        market(lambda m, i=idea, k=kommune: m.toggle_support(i, k))
    votes = {
        "lindenau": ["idee-1", "idee-1", "idee-2"],
        "neustrand": ["idee-2", "idee-2", "idee-5"],
        "landkreis-saalwinkel": ["idee-3", "idee-3", "idee-1"],
        "rheinfurt": ["idee-3", "idee-3", "idee-6"],
        "landkreis-talheim": ["idee-6", "idee-3", "idee-1"],
        "hafenstedt": ["idee-5", "idee-5", "idee-8"],
        "kesselbrunn": ["idee-4", "idee-4", "idee-8"],
        "landkreis-seenwalde": ["idee-7", "idee-8", "idee-1"],
        "landkreis-hohenau-tannberg": ["idee-2", "idee-6", "idee-6"],
    }
    for kommune, chosen in votes.items():
        for idea in chosen:
            market(lambda m, i=idea, k=kommune: m.vote(i, k))
    market(lambda m: m.merge("idee-7", "idee-1"))
    for idea in ("idee-1", "idee-2", "idee-3", "idee-6"):
        market(lambda m, i=idea: m.mark(i, "aufgenommen"))
    market(lambda m: m.mark("idee-4", "spaeter"))

    def agenda(change):
        return folder._update_day(
            day.AGENDA_FILE, lambda d: day.parse_agenda(d, workshop), day.agenda_to_data, change, STAMP
        )

    agenda(lambda a: a.add_slot("09:30", "11:00", "Persona-Runde"))
    first = agenda(lambda a: a.add_slot("11:15", "12:30", "Themenrunden 1"))
    agenda(lambda a: a.add_slot("12:30", "13:30", "Mittagspause"))
    second = agenda(lambda a: a.add_slot("13:30", "14:45", "Themenrunden 2"))
    agenda(lambda a: a.add_slot("15:00", "15:45", "Mitnehmen und Ausblick"))
    current = folder.market()
    sessions = [
        (first.id, "idee-1", "Elbe", ["landkreis-seenwalde"]),
        (first.id, "idee-2", "Spree", ["landkreis-hohenau-tannberg"]),
        (second.id, "idee-3", "Elbe", ["rheinfurt"]),
        (second.id, "idee-6", "Spree", ["landkreis-talheim"]),
    ]
    groups = []
    for slot_id, idea_id, room, presenters in sessions:
        title = current.idea(idea_id).title
        groups.append(
            (
                agenda(lambda a, s=slot_id, t=title, i=idea_id, r=room, p=presenters: a.add_group(s, t, i, r, p)),
                current.idea(idea_id),
            )
        )

    all_personas = list(personas.values())
    board_entries = {
        0: [
            (
                2,
                "Seenwalde: Kooperationsvereinbarung mit Schulamt und Gesundheitsamt, ein Datenblatt je Sozialraum.",
                "landkreis-seenwalde",
                "",
            ),
            (
                3,
                "Gemeinsame Kennzahlen in einer Steuerungsgruppe festgelegt – das hat getragen.",
                "landkreis-seenwalde",
                "gut",
            ),
            (
                3,
                "Erster Anlauf über eine gemeinsame Datenbank ist am Datenschutz gescheitert. Lehre: früh den "
                "Datenschutzbeauftragten einbinden und mit aggregierten Daten anfangen.",
                "rheinfurt",
                "weniger",
            ),
            (
                4,
                "Musterkooperationsvereinbarung von Seenwalde als Vorlage; mit aggregierten Daten starten.",
                "lindenau",
                "",
            ),
        ],
        1: [
            (
                2,
                "Jugendforum mit festem Budget und Rederecht im Jugendhilfeausschuss.",
                "landkreis-hohenau-tannberg",
                "",
            ),
            (3, "Berufsschulen als Ort für Beteiligung: Auszubildende erreicht.", "landkreis-hohenau-tannberg", "gut"),
            (
                3,
                "Online-Umfrage ohne Rückmeldung an die Jugendlichen – danach kam niemand mehr. Lehre: Ergebnisse "
                "sichtbar zurückspielen.",
                "neustrand",
                "weniger",
            ),
            (4, "Rückmeldeschleife einbauen: Was ist aus euren Ideen geworden?", "neustrand", ""),
        ],
    }
    for n, (group, idea) in enumerate(groups):
        matches = matching.matching_obstacles(workshop, all_personas, idea.title, idea.description, idea.topics)

        def change(b, matches=matches, n=n):
            b.prefill(matches)
            for question, text, kommune, kind in board_entries.get(n, []):
                b.add_entry(question, text, kommune, kind)

        folder._update_day(
            day.board_file(group.id),
            lambda d, g=group.id: day.parse_board(d, workshop, g, f"{g}.yaml"),
            day.board_to_data,
            change,
            STAMP,
        )

    takeaways = [
        (
            "lindenau",
            "Kooperationsvereinbarung zum Datenaustausch nach dem Muster von Seenwalde",
            "Termin mit Schulamt und Gesundheitsamt im Januar",
            ["landkreis-seenwalde"],
        ),
        (
            "neustrand",
            "Rückmeldeschleife für die Jugendumfrage",
            "Ergebnisse im Jugendhilfeausschuss vorstellen",
            ["landkreis-hohenau-tannberg"],
        ),
        (
            "landkreis-saalwinkel",
            "Steuerungsgruppe Präventionskette mit Gemeinden und Jobcenter",
            "Erste Sitzung vorbereiten, Rheinfurt zum Erfahrungsaustausch einladen",
            ["rheinfurt"],
        ),
        ("kesselbrunn", "Ombudsstelle gemeinsam mit einem Nachbarkreis ausschreiben", "", ["landkreis-seenwalde"]),
        (
            "landkreis-talheim",
            "Kleinräumige Armutsindikatoren aus Schuleingangsuntersuchungen",
            "Daten beim Gesundheitsamt anfragen",
            ["landkreis-hohenau-tannberg", "landkreis-saalwinkel"],
        ),
    ]
    for kommune, text, step, contacts in takeaways:
        folder._update_day(
            day.TAKEAWAYS_FILE,
            lambda d: day.parse_takeaways(d, workshop),
            day.takeaways_to_data,
            lambda t, a=(kommune, text, step, contacts): t.add_takeaway(*a),
            STAMP,
        )
    for kept in (DEMO / ".history").glob(f"{day.DAY_DIR}-*"):  # the demo's day starts without a history
        shutil.rmtree(kept)
    if (DEMO / ".history").exists() and not any((DEMO / ".history").iterdir()):
        (DEMO / ".history").rmdir()
    for lock in (DEMO / day.DAY_DIR).rglob(".*.lock"):
        lock.unlink()


if __name__ == "__main__":
    main()
