"""Every German string a user sees, in one place.

Error messages take ``str.format`` fields. Wizard prompts and examples live in ``STEPS`` so that
an editor can improve the guidance without touching code.
"""

APP_TITLE = "Persona-Werkstatt"
APP_TAGLINE = "Peer-Learning zwischen Kommunen mit der Persona-Methode"

# --- validation -------------------------------------------------------------------------------
ERR_REQUIRED = "fehlt – bitte ausfüllen"
ERR_EXPECTED_TEXT = "muss Text sein, gefunden: {value} (Text in Anführungszeichen setzen, z. B. \"No\")"
ERR_EXPECTED_INT = "muss eine ganze Zahl sein, gefunden: {value}"
ERR_EXPECTED_DATE = "muss ein Datum sein (JJJJ-MM-TT), gefunden: {value}"
ERR_EXPECTED_LIST = "muss eine Liste sein"
ERR_EXPECTED_MAPPING = "muss ein Abschnitt mit Feldern sein"
ERR_FILE_NOT_MAPPING = "Die Datei enthält keine Felder (leer oder keine YAML-Zuordnung)"
ERR_INT_RANGE = "Wert {value} liegt außerhalb des erlaubten Bereichs ({bounds})"
ERR_TEXT_TOO_LONG = "Text ist zu lang: {length} Zeichen, erlaubt sind höchstens {limit}. Bitte kürzen."
ERR_LIST_TOO_LONG = "zu viele Einträge: {count}, erlaubt sind höchstens {limit}"
ERR_UNKNOWN_FIELD = "unbekanntes Feld (Tippfehler?)"
ERR_UNKNOWN_TOPIC = "unbekanntes Thema „{topic}“"
ERR_DUPLICATE_TOPIC = "Thema „{topic}“ ist doppelt angelegt"
ERR_DUPLICATE_STATUS = "Stand für Thema „{topic}“ ist doppelt angegeben (höchstens einer je Thema)"
ERR_DUPLICATE_KOMMUNE = "Kommune „{slug}“ ist doppelt angelegt"
ERR_NO_TOPICS = "Der Workshop braucht mindestens ein Thema"
ERR_EVIDENCE = "muss „gefuehl“, „erfahrung“ oder „daten“ sein, gefunden: {value}"
ERR_KOMMUNE_MISMATCH = "passt nicht zum Dateinamen: gefunden {found}, erwartet „{expected}“"
ERR_KOMMUNE_UNKNOWN = "Kommune „{slug}“ ist in workshop.yaml nicht angelegt"
ERR_AVATAR_FILE = "ungültiger Dateiname für das Bild (nur Buchstaben, Ziffern, Punkt, Binde- und Unterstrich)"
ERR_SCHEMA_NEWER = (
    "Die Datei hat Schema-Version {found}, dieses Programm kennt nur Version {known}. "
    "Bitte Persona-Werkstatt aktualisieren; die Datei wird nicht gelesen."
)
ERR_SLUG_EMPTY = "Kurzname fehlt"
ERR_SLUG_TOO_LONG = "Kurzname ist zu lang ({length} Zeichen, höchstens 60)"
ERR_SLUG_CHARS = "Kurzname „{slug}“ darf nur Kleinbuchstaben a–z, Ziffern und Bindestriche enthalten"
ERR_SLUG_RESERVED = "Kurzname „{slug}“ ist reserviert und kann nicht verwendet werden"

# --- reading files ----------------------------------------------------------------------------
ERR_FILE_TOO_BIG = "Datei ist zu groß: {size} KiB, erlaubt sind höchstens {limit} KiB"
ERR_FILE_ENCODING = "Datei ist nicht in UTF-8 gespeichert (Byte {position})"
ERR_YAML_SYNTAX = "YAML-Fehler in Zeile {line}, Spalte {column}: {problem}"
ERR_YAML_SYNTAX_NOPOS = "YAML-Fehler: {problem}"
ERR_YAML_ALIAS = "Anker und Verweise (& und *) sind in diesen Dateien nicht erlaubt (Zeile {line})"
ERR_FILE_MISSING = "Datei fehlt"
ERR_FOLDER_MISSING = "Ordner „{folder}“ gibt es nicht"
ERR_NO_WORKSHOPS = "Unter „{folder}“ liegt kein Workshop-Ordner (mit workshop.yaml)"
ERR_PERSONA_TOO_BIG = (
    "Die Persona ist zu groß zum Speichern ({size} KiB, höchstens {limit} KiB). "
    "Bitte lange Texte kürzen oder Einträge zusammenfassen."
)
ERR_CONFLICT = (
    "Jemand anderes hat diese Persona inzwischen gespeichert (Stand {theirs}, Ihr Stand war {yours}). "
    "Ihre Eingaben sind nicht verloren."
)
ERR_WORKSHOP_BROKEN = "Der Workshop „{slug}“ kann nicht gelesen werden."

# --- command line -----------------------------------------------------------------------------
CLI_DESCRIPTION = "Persona-Werkstatt: Workshop-Ordner prüfen und bearbeiten."
CLI_VALIDATE_HELP = "Workshop-Ordner prüfen (Standard: alle unter personas/)"
CLI_FOLDER_HELP = "Workshop-Ordner oder Ordner mit Workshops"
CLI_WORKSHOP_OK = "✓ {title} ({slug}): {count} Personas in Ordnung"
CLI_WORKSHOP_PROBLEMS = "✗ {title} ({slug}): {count} Fehler"
CLI_SUMMARY_OK = "Alles in Ordnung: {workshops} Workshop(s), {personas} Persona(s) geprüft."
CLI_SUMMARY_PROBLEMS = "{errors} Fehler in {workshops} Workshop(s) gefunden."
CLI_MISSING_PERSONAS = "  Hinweis: noch keine Persona für {names}"

# --- persona card -----------------------------------------------------------------------------
SECTION_TITLES = {
    "obstacles": "Stolpersteine",
    "successes": "Was gelingt",
    "drivers": "Was antreibt und inspiriert",
    "questions": "Fragen an die anderen",
    "offers": "Was wir teilen können",
}
CARD_STATUS_TITLE = "Stand je Thema"
CARD_STAGE_NOT_SET = "noch nicht eingeschätzt"
CARD_EMPTY_SECTION = "noch keine Einträge"
CARD_NO_NAME = "Persona ohne Namen"
CARD_AGE = "{age} Jahre"
CARD_REVISION = "Stand {revision} · gespeichert {updated}"
CARD_NOT_SAVED = "noch nicht gespeichert"
CARD_EVIDENCE_PREFIX = "Grundlage:"
CARD_AVATAR_LABEL = "Gezeichnetes Porträt von {name}"
CARD_STAGE_LABEL = "Stufe {stage}: {label}"
CARD_TOPICS_LABEL = "Themen:"
