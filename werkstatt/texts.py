"""Every German string a user sees, in one place.

Error messages take ``str.format`` fields. Wizard prompts and examples live in ``STEPS`` so that
an editor can improve the guidance without touching code.
"""

APP_TITLE = "Persona-Werkstatt"
APP_TAGLINE = "Peer-Learning zwischen Kommunen mit der Persona-Methode"

# --- validation -------------------------------------------------------------------------------
ERR_REQUIRED = "fehlt – bitte ausfüllen"
ERR_EXPECTED_TEXT = 'muss Text sein, gefunden: {value} (Text in Anführungszeichen setzen, z. B. "No")'
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
ERR_ENTRY_ID = "ungültige Kennung {value} (nur Kleinbuchstaben a–z und Ziffern, höchstens 16 Zeichen)"
ERR_ENTRY_ID_DUPLICATE = "Kennung „{value}“ ist in dieser Liste doppelt vergeben"
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
ERR_YAML_SYNTAX = "kein gültiges YAML in Zeile {line}, Spalte {column} (Hinweis des Parsers: {problem})"
ERR_YAML_SYNTAX_NOPOS = "kein gültiges YAML (Hinweis des Parsers: {problem})"
ERR_YAML_ALIAS = "Anker und Verweise (& und *) sind in diesen Dateien nicht erlaubt (Zeile {line})"
ERR_FILE_ENCODING = "Datei ist nicht in UTF-8 gespeichert (Zeile {line}, Byte {position}); bitte als UTF-8 speichern"
ERR_FILE_UNREADABLE = "Datei lässt sich nicht lesen (ein Ordner statt einer Datei, oder kein Lesezugriff)"
ERR_YAML_CHARACTER = (
    "Zeile {line}: unsichtbares Steuerzeichen U+{code:04X} ist in diesen Dateien nicht erlaubt; bitte löschen"
)
ERR_YAML_NESTING = "zu tief verschachtelt: mehr als {limit} Ebenen aus Listen und Abschnitten (Zeile {line})"
ERR_YAML_DUPLICATE_KEY = "steht doppelt im selben Abschnitt (Zeile {first} und Zeile {line}); bitte eines entfernen"
ERR_YAML_BAD_DATE = "„{value}“ ist kein gültiges Datum bzw. keine gültige Uhrzeit (Zeile {line})"
ERR_YAML_NUMBER_TOO_LONG = (
    "Zahl mit {length} Zeichen ist zu lang (höchstens {limit}); als Text in Anführungszeichen setzen (Zeile {line})"
)
ERR_YAML_BAD_VALUE = "„{value}“ lässt sich nicht als {kind} lesen (Zeile {line})"
YAML_KINDS = {
    "tag:yaml.org,2002:int": "ganze Zahl",
    "tag:yaml.org,2002:float": "Kommazahl",
    "tag:yaml.org,2002:bool": "Wahrheitswert",
    "tag:yaml.org,2002:timestamp": "Datum",
    "tag:yaml.org,2002:binary": "Binärdaten",
}
YAML_KIND_OTHER = "Wert dieses Typs"
# PyYAML's English parser hints, in German (matched as parts of PyYAML's wording).
YAML_PROBLEMS = {
    "mapping values are not allowed here": "Doppelpunkt an dieser Stelle nicht erlaubt "
    "(Text mit „: “ in Anführungszeichen setzen)",
    "could not find expected ':'": "Doppelpunkt nach dem Feldnamen fehlt",
    "did not find expected key": "hier wurde ein Feldname erwartet (Einrückung prüfen)",
    "did not find expected '-' indicator": "hier wurde ein Listeneintrag mit „-“ erwartet (Einrückung prüfen)",
    "did not find expected node content": "hier fehlt ein Wert",
    "found unexpected end of stream": "Datei endet mitten in einem Wert (schließendes Anführungszeichen fehlt?)",
    "found unexpected ':'": "unerwarteter Doppelpunkt (Text in Anführungszeichen setzen)",
    "found unknown escape character": "unbekanntes Zeichen nach „\\“ in doppelten Anführungszeichen",
    "found unhashable key": "ein Feldname darf keine Liste und kein Abschnitt sein",
    "found a tab character": "Tabulator zum Einrücken (bitte Leerzeichen verwenden)",
    "found character '\\t' that cannot start any token": "Tabulator zum Einrücken (bitte Leerzeichen verwenden)",
    "that cannot start any token": "dieses Zeichen darf hier nicht am Anfang eines Werts stehen "
    "(Text in Anführungszeichen setzen)",
    "expected a single document": "mehr als ein Dokument (---) in der Datei",
    "could not determine a constructor for the tag": "unbekannter Typvermerk mit „!“",
    "expected <block end>": "Einrückung passt nicht zur Zeile davor",
    "expected ',' or ']'": "„,“ oder „]“ erwartet (Liste in eckigen Klammern nicht geschlossen?)",
    "expected ',' or '}'": "„,“ oder „}“ erwartet (Abschnitt in geschweiften Klammern nicht geschlossen?)",
    "found undefined tag handle": "unbekannter Typvermerk mit „!“",
    "expected a comment or a line break": "nach dem Wert darf nur ein Kommentar oder ein Zeilenende folgen",
    "expected the node content": "hier fehlt ein Wert (ein Komma oder eine Klammer zu viel?)",
    "found unexpected document separator": "„---“ oder „...“ mitten in der Datei",
    "invalid indentation or unclosed": "Einrückung passt nicht, oder eine „[“ bzw. „{“ ist nicht geschlossen",
    "mapping keys are not allowed here": "ein Feldname ist an dieser Stelle nicht erlaubt (Einrückung prüfen)",
    "sequence entries are not allowed here": "ein Listeneintrag „-“ ist an dieser Stelle nicht erlaubt "
    "(Einrückung prüfen)",
    "for merging": "„<<“ braucht einen Abschnitt, dessen Felder eingefügt werden",
    "indentation indicator": "nach „|“ oder „>“ ist nur „+“, „-“ oder eine Ziffer 1–9 erlaubt",
    "expected escape sequence of": "unvollständiges Zeichen nach „\\x“, „\\u“ oder „\\U“ "
    "in doppelten Anführungszeichen",
    "base64": "die Binärdaten (!!binary) sind nicht lesbar",
    "found incompatible YAML document": "diese YAML-Version wird nicht unterstützt (%YAML 1.1 oder weglassen)",
    "found duplicate YAML directive": "„%YAML“ steht doppelt",
    "expected '<document start>'": "nach einer Anweisung mit „%“ fehlt „---“",
    "expected a digit": "nach „%YAML“ fehlt die Versionsnummer",
    "expected alphabetic or numeric character": "nach „&“, „*“ oder „!“ fehlt ein Name",
    "found undefined alias": "Verweis mit „*“ auf einen unbekannten Anker",
}
# For PyYAML hints not listed above: still German, with line and column pointing at the place.
YAML_PROBLEM_OTHER = "die Zeichen an dieser Stelle passen nicht zur YAML-Schreibweise"
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

# --- command line -----------------------------------------------------------------------------
CLI_DESCRIPTION = "Persona-Werkstatt: Workshop-Ordner prüfen und bearbeiten."
CLI_VALIDATE_HELP = "Workshop-Ordner prüfen (Standard: alle unter personas/)"
CLI_FOLDER_HELP = "Workshop-Ordner oder Ordner mit Workshops"
CLI_WORKSHOP_OK = "✓ {title} ({slug}): {count} Personas in Ordnung"
CLI_WORKSHOP_PROBLEMS = "✗ {title} ({slug}): {count} Fehler"
CLI_SUMMARY_OK = "Alles in Ordnung: {workshops} Workshop(s), {personas} Persona(s) geprüft."
CLI_SUMMARY_PROBLEMS = "{errors} Fehler in {workshops} Workshop(s) gefunden."
CLI_VALIDATE_FAILED = (
    "Prüfung dieses Workshops mit einem unerwarteten Fehler ({kind}) abgebrochen; bitte melden. "
    "Die übrigen Workshops werden weiter geprüft."
)
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
CARD_REVISION_ONLY = "Stand {revision}"
CARD_NOT_SAVED = "noch nicht gespeichert"
CARD_EVIDENCE_PREFIX = "Grundlage:"
CARD_AVATAR_LABEL = "Gezeichnetes Porträt von {name}"
CARD_STAGE_LABEL = "Stufe {stage}: {label}"
CLI_STRAY_FILE = "  Hinweis: {file} gehört zu keiner Kommune in workshop.yaml und wird nicht gelesen"

# --- wizard -----------------------------------------------------------------------------------
# Each step: title, the guiding question shown on top, a hint, and examples from the report's
# world (Jugendhilfeplanung). Examples are suggestions, never pre-filled text.
STEPS = {
    "persona": {
        "title": "Persona",
        "question": "Wer steht für den Stand Ihrer Jugendhilfeplanung?",
        "hint": "Erfinden Sie eine Person – keine echte Kollegin, kein echter Klient. "
        "Name, Alter und Rolle machen sie greifbar.",
        "examples": [
            "Jana Brückner, 41, Jugendhilfeplanerin mit halber Stelle, seit drei Jahren im Amt",
            "Omar Feld, 56, Sachgebietsleiter Jugendhilfeplanung in einem Flächenlandkreis",
            "Lukas Brandt, 29, Berufseinsteiger nach dem Master",
        ],
    },
    "story": {
        "title": "Zitat & Geschichte",
        "question": "Was sagt Ihre Persona über ihre Arbeit – und was erlebt sie gerade?",
        "hint": "Ein Satz, der hängen bleibt, und drei bis fünf Sätze Geschichte: Wo steht die Planung, "
        "was beschäftigt die Persona, was wünscht sie sich?",
        "examples": [
            "„Ich habe die Daten – aber wer liest sie?“",
            "„Unsere Wege sind lang – unsere Netzwerke auch.“",
            "„Wir fangen bei der Kinderarmut gerade erst an – und wollen es gleich richtig machen.“",
        ],
    },
    "status": {
        "title": "Stand je Thema",
        "question": "Wo stehen Sie bei jedem Thema gerade?",
        "hint": "Die Stufen folgen den Phasen der Planung nach § 80 SGB VIII. Sie sind keine Note: "
        "Der Workshop ist ein geschützter Raum. Eine kurze Notiz hilft den anderen beim Verstehen.",
        "examples": [
            "Stufe 1 – Bedarf erkannt: „Auftrag des Kreistags liegt vor.“",
            "Stufe 3 – in Umsetzung: „Präventionskette in zwei Stadtteilen.“",
        ],
    },
    "obstacles": {
        "title": "Stolpersteine",
        "question": "Woran arbeiten Sie sich gerade ab? Was hakt?",
        "hint": "Ein Stolperstein je Eintrag, so konkret wie möglich. Ordnen Sie ihm Themen zu – "
        "so finden andere Kommunen mit demselben Problem zu Ihnen.",
        "examples": [
            "Daten liegen in fünf Ämtern und passen nicht zusammen.",
            "Der Jugendhilfeausschuss sieht Beteiligung als Zusatzaufwand.",
            "Die Stelle für den Verfahrenslotsen findet niemanden.",
        ],
    },
    "successes": {
        "title": "Was gelingt",
        "question": "Welche Prozesse laufen gut? Worauf sind Sie stolz?",
        "hint": "Auch kleine Erfolge zählen. Was hier steht, kann anderen Kommunen weiterhelfen.",
        "examples": [
            "Stadtteilkonferenzen mit Schulen und Kitas laufen regelmäßig.",
            "Der Jugendhilfeausschuss hat ein eigenes Budget für Beteiligung beschlossen.",
        ],
    },
    "drivers": {
        "title": "Was antreibt",
        "question": "Was treibt Sie an, was inspiriert Sie in Ihrer Arbeit?",
        "hint": "Das, wofür sich die Mühe lohnt – oft verbindet gerade das sehr verschiedene Kommunen.",
        "examples": [
            "Kinder, die im Stadtteilforum zum ersten Mal gehört werden.",
            "Der Austausch mit anderen Kommunen, die an denselben Fragen arbeiten.",
        ],
    },
    "exchange": {
        "title": "Fragen & Teilen",
        "question": "Was möchten Sie die anderen fragen – und was können Sie teilen?",
        "hint": "Fragen und Angebote bringen Kommunen zusammen: Wer hat unser Problem schon gelöst? "
        "Wem können wir mit unserer Erfahrung helfen?",
        "examples": [
            "Frage: Wie habt ihr den Jugendhilfeausschuss für Beteiligung gewonnen?",
            "Angebot: Vorlage für einen Sozialraumbericht mit kleinräumigen Daten.",
        ],
    },
    "preview": {
        "title": "Vorschau",
        "question": "So sehen die anderen Ihre Persona.",
        "hint": "Diese Karte erscheint in der Präsentation und auf den gedruckten Steckbriefen.",
        "examples": [],
    },
}

WIZ_PAGE_TITLE = "Persona bearbeiten"
WIZ_STEP_LABEL = "Schritt"
WIZ_STEP_OPTION = "{number}. {title}"
WIZ_STEP_DONE = "✓ ausgefüllt"
WIZ_STEP_OPEN = "○ offen"
WIZ_STEP_PREVIEW_READY = "✓ fertig"  # under the preview once every step is filled in
WIZ_PROGRESS = "{done} von {total} Schritten ausgefüllt"
WIZ_EXAMPLES = "Beispiele"
WIZ_BACK = "Zurück"
WIZ_NEXT = "Weiter"
WIZ_SAVE = "Speichern"
WIZ_ALL_SAVED = "Alle Änderungen sind gespeichert (Stand {revision}, {time} Uhr)."
WIZ_UNSAVED = "Es gibt ungespeicherte Änderungen – sie werden beim Wechsel des Schritts gespeichert."
WIZ_NEVER_SAVED = "Diese Persona ist noch nicht gespeichert."
WIZ_NOT_SAVED_ERRORS = "Nicht gespeichert: Bitte die markierten Felder prüfen. Ihre Eingaben bleiben erhalten."
WIZ_CHOOSE_FIRST = "Bitte wählen Sie zuerst auf der Startseite Ihre Kommune."
WIZ_JOIN_FIRST = "Bitte melden Sie sich zuerst auf der Startseite mit dem Zugangscode Ihrer Kommune an."
WIZ_TO_START = "Zur Startseite"
WIZ_BROKEN_FILE = (
    "Die gespeicherte Persona von {kommune} kann nicht gelesen werden. "
    "Bitte wenden Sie sich an die Moderation; die Datei wird nicht überschrieben."
)
WIZ_NAME = "Name der Persona"
WIZ_NAME_HELP = "erfundener Name, z. B. Jana Brückner"
WIZ_AGE = "Alter"
WIZ_AGE_HELP = "optional, in Jahren"
WIZ_ROLE = "Rolle"
WIZ_ROLE_HELP = "z. B. Jugendhilfeplanerin mit halber Stelle"
WIZ_AVATAR = "Porträt"
WIZ_REROLL = "Neu würfeln"
WIZ_REROLL_HELP = "Ein anderes gezeichnetes Porträt erzeugen."
WIZ_QUOTE = "Zitat"
WIZ_QUOTE_HELP = "ein typischer Satz, ohne Anführungszeichen"
WIZ_STORY = "Kurze Geschichte"
WIZ_STORY_HELP = "Drei bis fünf Sätze: Wo steht die Planung, was beschäftigt die Persona?"
WIZ_STAGE = "Stufe: {topic}"
WIZ_STAGE_NONE = "– noch nicht eingeschätzt –"
WIZ_STAGE_OPTION = "{stage} – {label}"
WIZ_NOTE = "Notiz: {topic}"
WIZ_NOTE_NEEDS_STAGE = "Bitte eine Stufe wählen – ohne Stufe wird die Notiz nicht gespeichert."
WIZ_ENTRY_LABEL = "{singular} {number}"
WIZ_ENTRY_TOPICS = "Themen zu {singular} {number}"
WIZ_ENTRY_EVIDENCE = "Worauf beruht {singular} {number}?"
WIZ_EVIDENCE_NONE = "– keine Angabe –"
WIZ_TOPICS_PLACEHOLDER = "Themen wählen …"
WIZ_UP = "Nach oben"
WIZ_DOWN = "Nach unten"
WIZ_REMOVE = "Entfernen"
WIZ_ADD = "{singular} hinzufügen"
WIZ_LIST_FULL = "Höchstens {limit} Einträge – fassen Sie ähnliche Punkte zusammen."
WIZ_EMPTY_LIST = "Noch keine Einträge. Fügen Sie den ersten hinzu."
WIZ_CHARS = "{count} von höchstens {limit} Zeichen"
WIZ_CONFLICT_TITLE = "Speicherkonflikt"
WIZ_CONFLICT_KEEP_MINE = "Meine Fassung speichern"
WIZ_CONFLICT_KEEP_MINE_HELP = "Speichert Ihre Fassung als neuen Stand; die andere bleibt im Verlauf erhalten."
WIZ_CONFLICT_MERGE = "Beide zusammenführen"
WIZ_CONFLICT_MERGE_HELP = (
    "Führt beide Fassungen Eintrag für Eintrag zusammen: Was nur eine Seite geändert hat, wird übernommen. "
    "Wo beide denselben Text geändert haben, bleiben beide stehen, markiert mit „Konflikt: beide Fassungen“."
)
WIZ_MERGE_CONFLICT_MARK = "Konflikt: beide Fassungen – "
WIZ_MERGE_CONFLICTS_LEFT = (
    "Auf beiden Laptops wurde derselbe Text geändert. Beide Fassungen stehen jetzt da, markiert mit "
    "„Konflikt: beide Fassungen“ – bitte eine behalten und die Markierung löschen."
)
WIZ_MERGE_ENTRY_CONFLICT = "Konflikt: beide Fassungen – bitte eine behalten und die andere entfernen."
WIZ_NEWER_ON_DISK = (
    "Auf einem anderen Gerät wurde inzwischen eine neuere Fassung gespeichert (Stand {theirs}; "
    "Sie sehen Stand {yours})."
)
WIZ_NEWER_GONE = (
    "Die gespeicherte Datei dieser Persona wurde inzwischen gelöscht. „Speichern“ legt sie mit Ihrer Fassung neu an."
)
WIZ_NEWER_LOAD = "Neuere Fassung laden"
WIZ_NEWER_KEEP_TYPING = (
    "Ihre ungespeicherten Eingaben bleiben erhalten. Beim Speichern können Sie beide Fassungen zusammenführen."
)
WIZ_DRAFT_RESTORED = "Nicht gespeicherte Eingaben von {time} Uhr wiederhergestellt."
WIZ_DRAFT_RESTORED_NEWER = (
    "Nicht gespeicherte Eingaben von {time} Uhr wiederhergestellt. Inzwischen wurde eine neuere Fassung "
    "gespeichert (Stand {revision}); beim Speichern können Sie beide zusammenführen."
)
WIZ_DRAFT_DISCARD = "Wiederhergestellte Eingaben verwerfen"
WIZ_DRAFT_DISCARD_HELP = "Verwirft die wiederhergestellten Eingaben und lädt die zuletzt gespeicherte Fassung."
WIZ_DRAFT_UNDERSTOOD = "Verstanden"
WIZ_DRAFT_UNREADABLE = (
    "Eingaben von vor dem Neuladen konnten nicht wiederhergestellt werden (die Entwurfsdatei ist beschädigt). "
    "Angezeigt wird die zuletzt gespeicherte Fassung."
)
WIZ_DRAFT_NOT_KEPT = (
    "Ihre Eingaben konnten gerade nicht als Entwurf gesichert werden ({reason}). "
    "Bitte speichern Sie, bevor Sie die Seite neu laden."
)
WIZ_WRITE_FAILED = (
    "Nicht gespeichert: Die Datei konnte nicht geschrieben werden ({reason}). Ihre Eingaben bleiben hier "
    "erhalten – bitte die Moderation verständigen und danach erneut speichern."
)
WIZ_IMAGE_WRITE_FAILED = "Das Bild wurde nicht gespeichert ({reason}). Bitte die Moderation verständigen."
ERR_WRITE_READ_ONLY = "der Ordner ist schreibgeschützt"
ERR_WRITE_DISK_FULL = "der Datenträger ist voll"
ERR_WRITE_LOCKED = "die Datei ist gerade von einem anderen Vorgang gesperrt"
ERR_WRITE_OTHER = "Systemfehler {code}"
WIZ_CONFLICT_TAKE_THEIRS = "Gespeicherte Fassung übernehmen"
WIZ_CONFLICT_TAKE_THEIRS_HELP = "Verwirft Ihre ungespeicherten Eingaben und lädt die gespeicherte Fassung."
WIZ_CONFLICT_THEIRS = "Die gespeicherte Fassung ansehen"
WIZ_OTHER_KOMMUNE = "Andere Kommune wählen"
WIZ_GENERAL_ERROR = "Nicht gespeichert: {message}"

SECTION_SINGULAR = {
    "obstacles": "Stolperstein",
    "successes": "Erfolg",
    "drivers": "Antrieb",
    "questions": "Frage",
    "offers": "Angebot",
}

# --- app shell and pages ----------------------------------------------------------------------
NAV_START = "Start"
NAV_WIZARD = "Persona bearbeiten"
NAV_OVERVIEW = "Alle Personas"
START_INTRO = (
    "Jede Kommune erfindet eine Persona: eine fiktive Person, die für den aktuellen Stand ihrer "
    "Jugendhilfeplanung steht – mit ihren **Stolpersteinen**, dem, was **gelingt**, und dem, was "
    "**antreibt**. Nebeneinander gezeigt wird sichtbar, was die Kommunen verbindet und wer von wem "
    "lernen kann."
)
START_STEPS = (
    "1. Wählen Sie Ihre Kommune.\n"
    "2. Bauen Sie Schritt für Schritt Ihre Persona – mit Leitfragen und Beispielen.\n"
    "3. Speichern Sie zwischendurch; beim Wechsel des Schritts wird automatisch gespeichert.\n"
    "4. Danach: Themen in der *Themenbörse* vorschlagen und punkten, in den *Themenrunden* mitschreiben, "
    "unter *Mitnehmen* festhalten, was Ihre Kommune ausprobiert."
)
START_WORKSHOP = "Workshop"
START_KOMMUNE = "Ihre Kommune"
START_KOMMUNE_OPTION = "{name} ({detail})"
START_KOMMUNE_STATE_NEW = "noch nicht begonnen"
START_KOMMUNE_STATE_SAVED = "Stand {revision}"
START_KOMMUNE_STATE_BROKEN = "Datei fehlerhaft"
START_EDIT = "Persona bearbeiten"
START_KOMMUNE_PLACEHOLDER = "Bitte wählen …"
START_NO_WORKSHOP = "Es gibt noch keinen Workshop. Legen Sie einen Ordner mit workshop.yaml unter {root} an."
START_WORKSHOP_INFO = "{date} · {place} · {count} Kommunen"
OVERVIEW_TITLE = "Alle Personas"
OVERVIEW_CAPTION = "{started} von {total} Kommunen haben ihre Persona begonnen."
OVERVIEW_MISSING = "{kommune}: noch keine Persona gespeichert."
OVERVIEW_BROKEN = "{kommune}: Die Persona-Datei enthält Fehler und wird nicht angezeigt."
OVERVIEW_STRAY = "Diese Dateien gehören zu keiner Kommune und werden nicht gelesen: {files}"
WORKSHOP_ERROR_TITLE = "Die Workshop-Beschreibung (workshop.yaml) enthält Fehler:"
PROBLEMS_MORE = "… und {count} weitere (alle im Terminal: python -m werkstatt validate)"
CONNECTION_LOST_BANNER = (
    "Keine Verbindung zur Persona-Werkstatt – was Sie jetzt eingeben, wird nicht gespeichert. "
    "Die Seite verbindet sich von selbst wieder."
)

# --- Streamlit's own words in the browser -----------------------------------------------------------
# Streamlit 1.67 has no German for its widgets (it even pins some to en-US). A small script in the page
# (templates/app.js) puts these German words in place of the English ones it finds in visible text,
# aria-labels, placeholders and titles. Keys are Streamlit's exact wording (from its frontend bundle).
UI_GERMAN = {
    # page frame and navigation
    "Skip to main content": "Zum Inhalt springen",
    "Sidebar": "Seitenleiste",
    "App pages": "Seiten",
    "Collapse sidebar": "Seitenleiste einklappen",
    "Expand sidebar": "Seitenleiste ausklappen",
    "Main menu": "Hauptmenü",
    "Link to heading": "Link zu dieser Überschrift",
    "Running...": "Läuft …",
    "Stop": "Anhalten",
    "Connecting": "Verbinde",
    "Connecting to Streamlit server": "Verbindung zur Persona-Werkstatt wird aufgebaut",
    "Error": "Fehler",
    "Unable to connect to Streamlit server": "Keine Verbindung zur Persona-Werkstatt",
    # dialogs: unknown page, lost connection
    "Page not found": "Seite nicht gefunden",
    "Connection error": "Verbindung unterbrochen",
    "Streamlit server is not responding. Are you connected to the internet?": (
        "Die Persona-Werkstatt antwortet gerade nicht. Ist der Laptop der Moderation noch im Netz und die App "
        "gestartet? Die Seite verbindet sich von selbst wieder."
    ),
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in your terminal:": (
        "Läuft die Persona-Werkstatt noch? Wenn sie beendet wurde, auf dem Laptop der Moderation neu starten:"
    ),
    "streamlit run yourscript.py": "make run",
    "Connection lost. Please wait for the app to reconnect, then try again.": (
        "Verbindung unterbrochen. Bitte warten, bis die Seite wieder verbunden ist, dann noch einmal versuchen."
    ),
    "Close": "Schließen",
    "Copy": "Kopieren",
    # select boxes and multiselects
    "Select all": "Alle auswählen",
    "Clear all": "Alle entfernen",
    "Clear value": "Auswahl entfernen",
    "Open": "Öffnen",
    "No results": "Keine Treffer",
    "No options": "Keine Auswahl",
    "No options to select": "Keine Auswahl",
    "Choose an option": "Bitte wählen …",
    "Choose options": "Bitte wählen …",
    "Selectbox options": "Auswahl",
    "Selected values": "Ausgewählt",
    "Show suggestions": "Vorschläge zeigen",
    "Suggestions": "Vorschläge",
    "Select...": "Bitte wählen …",
    # text, number, password, date
    "Show password": "PIN zeigen",
    "Hide password": "PIN verbergen",
    "Increment": "Erhöhen",
    "Decrement": "Verringern",
    "Choose date": "Datum wählen",
    "Choose date range": "Zeitraum wählen",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": (
        "Mit den Pfeiltasten durch die Tage, Enter wählt, Escape schließt."
    ),
    "year": "Jahr",
    "month": "Monat",
    "day": "Tag",
    "Empty": "leer",
    "Previous month": "Voriger Monat",
    "Next month": "Nächster Monat",
    # file uploader
    "Upload": "Hochladen",
    "Drag and drop a file here": "Datei hierher ziehen",
    "Drag and drop files here": "Dateien hierher ziehen",
    "File type not allowed.": "Diese Dateiart ist hier nicht erlaubt (nur PNG oder JPEG).",
    "File size is too small.": "Die Datei ist leer.",
    "Only one file is allowed.": "Bitte nur eine Datei.",
    "Unexpected error. Please try again.": "Unerwarteter Fehler. Bitte noch einmal versuchen.",
    "Upload failed": "Hochladen fehlgeschlagen",
    "Error:": "Fehler:",
    "Add files": "Datei hinzufügen",
    "Loading": "Lädt",
    # tables and charts
    "Show/hide columns": "Spalten zeigen oder verbergen",
    "Download as CSV": "Als CSV herunterladen",
    "Search": "Suchen",
    "Close Search": "Suche schließen",
    "Fullscreen": "Vollbild",
    "Close fullscreen": "Vollbild beenden",
    "Show data": "Daten zeigen",
    "Show chart": "Diagramm zeigen",
    "Download as PNG": "Als PNG herunterladen",
    "Add row": "Zeile hinzufügen",
    "Delete": "Löschen",
    "Clear selection": "Auswahl aufheben",
    "Sort ascending": "Aufsteigend sortieren",
    "Sort descending": "Absteigend sortieren",
    "Hide column": "Spalte verbergen",
    "Pin column": "Spalte fixieren",
    "Unpin column": "Spalte lösen",
    "Autosize": "Breite anpassen",
    "file upload": "Datei hochladen",
    # month names of the date input (Streamlit pins it to en-US); the others are the same in German
    "January": "Januar",
    "February": "Februar",
    "March": "März",
    "May": "Mai",
    "June": "Juni",
    "July": "Juli",
    "October": "Oktober",
    "December": "Dezember",
}
UI_UNEXPECTED_ERROR = (
    "Hier ist ein unerwarteter Fehler aufgetreten. Was schon gespeichert ist, bleibt erhalten; die Einzelheiten "
    "stehen im Protokoll auf dem Laptop der Moderation. Bitte die Moderation verständigen."
)
# Wordings with a variable part: JavaScript regular expressions and their German ($1 = first group;
# $T1 = the first group looked up in UI_GERMAN; $MB1 = the first group, bytes, shown as megabytes).
UI_GERMAN_PATTERNS = [
    (r"^(Show data|Show chart|Download as PNG|Download as CSV|Fullscreen|Close fullscreen|Search): (.+)$", "$T1: $2"),
    (r"^(day|month|year|Choose date|Choose date range), (.+)$", "$T1, $2"),
    (r"^(\d+) – (\w+)$", "$1 – $T2"),
    (r"^(\w+) (\d{4})$", "$T1 $2"),
    (r"^Remove (.+)$", "$1 entfernen"),
    (r"^Help for (.+)$", "Hilfe zu $1"),  # the (?) button beside a widget with help=…
    (r"^Cancel upload of (.+)$", "Hochladen von $1 abbrechen"),
    (r"^Press (?:Ctrl|⌘)\+Enter to apply$", "Strg+Enter übernimmt"),
    (r"^Press (?:Ctrl|⌘)\+Enter to submit form$", "Strg+Enter sendet das Formular"),
    (r"^Press Enter to apply$", "Enter übernimmt"),
    (r"^Press Enter to submit form$", "Enter sendet das Formular"),
    (r"^([\d.,]+ ?[KMG]?B) per file$", "höchstens $1 je Datei"),
    (r"^File is too large\. Maximum size is (\d+) bytes\.$", "Die Datei ist zu groß (höchstens $MB1)."),
    (r"^File must be (\d+)(?:\.0)? ?([KMG]?B) or smaller\.$", "Die Datei ist zu groß (höchstens $1 $2)."),
    (r"^[a-z0-9_]+ icon$", "Symbol"),
    (r"^(\d+)\.(\d) ?([KMG]?B)$", "$1,$2 $3"),
    (r"^(.+), (\d+)\.(\d) ?([KMG]?B)$", "$1, $2,$3 $4"),
    (r"^(\S+) files are not allowed\.$", "Dateien vom Typ $1 sind hier nicht erlaubt (nur PNG oder JPEG)."),
    (r"^Select (\d+) matches$", "$1 Treffer auswählen"),
    (r"^Add: (.+)$", "Hinzufügen: $1"),
    (r"^You can only select up to (\d+) options?\. Remove an option first\.$", "Höchstens $1: erst eine entfernen."),
    (r"^(\d+) options? available\.$", "$1 Möglichkeiten."),
    (r"^(.+), selected$", "$1, ausgewählt"),
    (
        r"^(?:The page that you have requested does not seem to exist|You have requested page .+, but no "
        r"corresponding file was found in the app's pages/ directory)\. Running the app's main page\.$",
        "Diese Seite gibt es nicht. Die Startseite wird gezeigt.",
    ),
]

# --- comparison, matrix, connecting elements, learning partners --------------------------------
NAV_COMPARE = "Vergleich"
NAV_MATRIX = "Matrix"
NAV_CONNECTIONS = "Verbindende Elemente"
NAV_PARTNERS = "Lernpartner"
NAV_PRESENTER = "Präsentation"
NAV_GROUP = "Stand der Gruppe"

GROUP_STATE_NEW = "noch nicht begonnen"
GROUP_STATE_WORKING = "in Arbeit"
GROUP_STATE_COMPLETE = "vollständig"
GROUP_STATE_BROKEN = "Datei fehlerhaft"
GROUP_TITLE = "Stand der Gruppe"
GROUP_CAPTION = "{started} von {total} Kommunen haben begonnen, {complete} sind vollständig. Aktualisiert sich selbst."

COMPARE_TITLE = "Personas im Vergleich"
COMPARE_CHOOSE = "Kommunen zum Vergleichen"
COMPARE_CHOOSE_HELP = "Zwei bis vier Kommunen – oder alle – nebeneinander."
COMPARE_ALL = "Alle Kommunen zeigen"
COMPARE_TOO_FEW = "Bitte mindestens zwei Kommunen wählen."
COMPARE_PHONE_NOTE = "Auf dem schmalen Bildschirm stehen die Personas untereinander; nebeneinander auf einem breiteren."
COMPARE_ROW_QUOTE = "Zitat"
COMPARE_SHARED = "gemeinsam"
# The app marks shared topics on the entries' tags, the print marks the entries themselves; each legend says
# only what its own page shows („im Druck: …“ read oddly on the screen and in the printed sheet alike).
COMPARE_SHARED_LEGEND = "◆ gemeinsam: Themen, bei denen mindestens zwei der gezeigten Kommunen Stolpersteine nennen."
COMPARE_SHARED_LEGEND_PRINT = (
    "◆ gemeinsam: Themen, bei denen mindestens zwei der gezeigten Kommunen Stolpersteine nennen; "
    "◆ vor einem Eintrag: Er gehört zu einem solchen Thema."
)
COMPARE_INCOMPLETE = "unvollständig"
COMPARE_NO_TOPIC = "ohne Thema"
COMPARE_NO_PERSONAS = "Es gibt noch keine gespeicherten Personas."
COMPARE_BROKEN = "Nicht im Vergleich, weil die Datei Fehler enthält: {names}. Die Details zeigt „Stand der Gruppe“."

MATRIX_TITLE = "Matrix: Stand je Thema"
MATRIX_SORT = "Sortieren nach"
MATRIX_SORT_NAME = "Name der Kommune"
MATRIX_SORT_MEAN = "durchschnittlicher Stufe"
MATRIX_SORT_TOPIC = "Stufe bei: {topic}"
MATRIX_DESCENDING = "höchste Stufe zuerst"
MATRIX_AS_TABLE = "Stufen als Tabelle"
MATRIX_COUNTS_TITLE = "Einträge je Thema und Kommune"
MATRIX_COUNTS_SECTION = "Bereich"
MATRIX_COUNTS_ALL = "alle Bereiche"
MATRIX_LEGEND = "Stufe"
MATRIX_ALT = (
    "Heatmap der Stufen von {count} Kommunen zu {topics} Themen; dieselben Werte stehen in der Tabelle darunter."
)
MATRIX_EMPTY = "keine Angabe"
MATRIX_EMPTY_SHORT = "k. A."
MATRIX_TABLE_TOGGLE = "Als Tabelle zeigen"
MATRIX_TABLE_TOGGLE_HELP = (
    "Die Stufen als Tabelle statt als Farbfelder – auf schmalen Bildschirmen geschieht das von selbst."
)
MATRIX_PHONE_NOTE = (
    "Auf dem schmalen Bildschirm als Tabelle: Stufe 0–4 je Thema, „keine Angabe“, wo nichts eingeschätzt ist."
)

CONNECT_TITLE = "Verbindende Elemente"
CONNECT_INTRO = (
    "Gibt es unser Problem auch in anderen Kommunen? Themen, geordnet nach der Zahl der Kommunen "
    "mit Stolpersteinen dort."
)
CONNECT_THEME = "{label}: {count} Kommunen"
CONNECT_GROUP_STAGE = "Die Gruppe steht im Mittel bei Stufe {median}"
# After the group's stage as a sentence of its own: „Stufe 1 – Stufe 1 (…): 5“ read as a repetition.
CONNECT_STAGE_COUNTS = "Kommunen je Stufe: {counts}"
CONNECT_STAGE_COUNT = "Stufe {stage} ({label}): {count}"
CONNECT_NO_STAGE = "noch keine Einschätzungen"
CONNECT_DRIVERS = "Was viele antreibt"
CONNECT_NO_DRIVERS = "Noch keine gemeinsamen Antriebe gefunden."
CONNECT_NO_OBSTACLES = "Noch keine Stolpersteine zu diesem Thema."
CONNECT_NO_TOPIC_NOTE = "Stolpersteine, denen (noch) kein Thema zugeordnet ist: Sie fehlen in den Themen oben."

PARTNERS_TITLE = "Lernpartner"
PARTNERS_INTRO = (
    "Wer kann von wem lernen? Zu jedem Stolperstein und jeder Frage die Kommunen, deren Erfolge, "
    "Angebote oder Stand helfen könnten – mit Begründung."
)
PARTNERS_KOMMUNE = "Kommune"
PARTNERS_NONE = "Noch keine passenden Lernpartner gefunden."
PARTNERS_NEED_OBSTACLE = "Stolperstein"
PARTNERS_NEED_QUESTION = "Frage"
PARTNERS_HELP = {"successes": "Erfolg", "offers": "Angebot", "status": "Stand"}
PARTNERS_TALK_TO = "Sprechen Sie mit {kommune}"
PARTNERS_OVERVIEW = "Übersicht: wer wem helfen kann"
GROUP_PROGRESS = "Fortschritt"

# --- presenter --------------------------------------------------------------------------------
# Heading of the locked Präsentation page only: an unlocked slide needs the whole screen.
PRESENT_LOCKED_TITLE = "Präsentation"
PRESENT_PREVIOUS = "Zurück"
PRESENT_NEXT = "Weiter"
PRESENT_POSITION = "Folie {index} von {total}"
PRESENT_OVERVIEW = "Alle Personas im Überblick"
PRESENT_CONNECTIONS = "Was uns verbindet"
PRESENT_PARTNERS = "Wer kann von wem lernen?"
PRESENT_SLIDE_PERSONA = "Persona: {kommune}"
PRESENT_TIMER_START = "Start"
PRESENT_TIMER_PAUSE = "Pause"
PRESENT_TIMER_RESET = "Von vorn"
PRESENT_TIMER_MINUTES = "Minuten je Persona"
PRESENT_TIME_LEFT = "noch {time}"
PRESENT_TIME_UP = "Zeit ist um"
PRESENT_NO_PERSONAS = "Noch keine Persona gespeichert – die Präsentation füllt sich, sobald die erste ankommt."
PRESENT_THEME = "{count} Kommunen nennen Stolpersteine bei {label}"
PRESENT_KEYS = "Tastatur: Pfeil rechts / Bild ab = weiter, Pfeil links / Bild auf = zurück."
PRESENT_PART = "Teil {part} von {total}"
PRESENT_PART_TITLE = "{title} {part}/{total}"
PRESENT_TIMER_BUTTON = "Redezeit: {minutes} Min."
PRESENT_TIME_UP_NOTE = "Bitte zum Schluss kommen."
PRESENT_PARTNER_ASKS = "fragt"
PRESENT_STAGE_TOPIC = "Thema"
PRESENT_STAGE_STAGE = "Stufe"
PRESENT_STAGE_NOTE = "Notiz"

# --- printed documents and exports --------------------------------------------------------------
DOC_STECKBRIEFE = "Persona-Steckbriefe"
DOC_VERGLEICH = "Vergleichsbogen"
DOC_LERNPARTNER = "Lernpartner"
DOC_DOKUMENTATION = "Dokumentation"
DOC_CONTENTS = "Inhalt"
DOC_PERSONAS = "Die Personas"
DOC_QUESTIONS = "Die vier Leitfragen des Tages"
DOC_KOMMUNEN = "Beteiligte Kommunen"
DOC_ANONYMOUS_NOTE = (
    "Fassung ohne Namen der Kommunen und der Personas (pseudonymisiert) zur Weitergabe außerhalb der Gruppe."
)
DOC_PSEUDONYM = "Kommune {letter}"
DOC_PERSON_PSEUDONYM = "Persona {letter}"
DOC_MORE = "… und {count} weitere"
DOC_PARTNERS_FOR = "{kommune}: mit wem sprechen?"
DOC_NO_PARTNERS = "Keine passenden Lernpartner gefunden."
DOC_GENERATED = "Erstellt mit Persona-Werkstatt am {date}"
DOC_COMPARISON_PART = "Kommunen {first}–{last} von {total}"
EXPORT_KINDS = {
    "steckbriefe": "Persona-Steckbriefe",
    "vergleich": "Vergleichsbogen",
    "lernpartner": "Lernpartner",
    "dokumentation": "Dokumentation",
    "programm": "Programm",
    "mitnehmen": "Mitnehmen-Seiten",
    "excel": "Excel- und CSV-Tabellen",
}
EXPORT_DONE = "✓ {what} ({seconds} s)"
CLI_EXPORT_HELP = "Handouts (PDF) und Tabellen eines Workshops erstellen"
CLI_EXPORT_OUT = "Zielordner (Standard: exports/<workshop>/)"
CLI_EXPORT_ONLY = "nur diese Dokumente: steckbriefe, vergleich, lernpartner, dokumentation, programm, mitnehmen, excel"
CLI_EXPORT_ANONYM = "ohne Namen der Kommunen und Personas (Kommune A, B, …; Persona A, B, …)"
CLI_EXPORT_KOMMUNE = "nur die Seiten dieser Kommune (Kurzname): Steckbrief, mit --only mitnehmen ihre Mitnehmen-Seite"
CLI_EXPORT_ZIP = "zusätzlich eine ZIP-Datei mit allen Dateien und den YAML-Quellen (mit --anonym ohne YAML)"
CLI_EXPORT_START = "Exportiere „{title}“ nach {out} …"
CLI_EXPORT_WRITTEN = "Fertig: {count} Datei(en) in {out}"
CLI_EXPORT_REFUSED = "Export abgebrochen – bitte zuerst diese Fehler beheben:"
CLI_NOT_A_WORKSHOP = "„{folder}“ ist kein Workshop-Ordner (workshop.yaml fehlt)"
NAV_EXPORT = "Export"
EXPORT_TITLE = "Handouts und Export"
EXPORT_INTRO = (
    "Erstellt die Handouts als PDF (Steckbriefe, Vergleichsbogen, Lernpartner, Dokumentation des Tages) "
    "und Tabellen für Excel. Die Dateien liegen danach im Ordner {folder}."
)
EXPORT_CHOOSE = "Dokumente"
EXPORT_ANONYMOUS = (
    "ohne Namen der Kommunen und Personas (Kommune A, B, …) – zur Weitergabe außerhalb der Gruppe; "
    "die ZIP-Datei enthält dann keine YAML-Quellen"
)
EXPORT_ALL = "Alles exportieren"
EXPORT_SELECTED = "Ausgewählte erstellen"
EXPORT_RUNNING = "Die Dokumente werden erstellt … das dauert einige Sekunden."
EXPORT_FAILED = "Der Export hat nicht geklappt:"
EXPORT_FILES = "Fertige Dateien"
EXPORT_NO_FILES = "Noch keine Dateien exportiert."
EXPORT_DOWNLOAD = "{name} herunterladen ({size})"
EXPORT_MY_CARD = "Meinen Steckbrief als PDF erstellen"
EXPORT_MY_CARD_DOWNLOAD = "Steckbrief herunterladen"
ERR_SYMLINK = (
    "ist eine Verknüpfung (symbolischer Link) auf eine andere Datei – aus Sicherheitsgründen wird sie nicht "
    "gelesen. Bitte die Verknüpfung durch die Datei selbst ersetzen."
)
EXPORT_SKIPPED_LINK = (
    "Hinweis: {file} ist eine Verknüpfung (symbolischer Link) und wurde aus Sicherheitsgründen übersprungen."
)
EXPORT_SKIPPED_SPECIAL = (
    "Hinweis: {file} ist keine gewöhnliche Datei (z. B. ein Ordner oder eine Pipe) und wurde übersprungen."
)
EXPORT_TOO_MANY_PAGES = (
    "{what}: wäre etwa {pages} Seiten lang, erlaubt sind {limit}. Den meisten Text hat {kommune} "
    "({share} % aller Persona-Texte) – bitte dort kürzen, oder die Grenze mit WERKSTATT_EXPORT_MAX_PAGES erhöhen."
)
EXPORT_TOO_SLOW = (
    "{what}: nach {seconds} s abgebrochen, das Dokument ist zu groß. Den meisten Text hat {kommune} "
    "({share} % aller Persona-Texte) – bitte dort kürzen, oder die Grenze mit WERKSTATT_EXPORT_MAX_SECONDS erhöhen."
)
CLI_EXPORT_TOO_LARGE = "Export abgebrochen – ein Dokument ist zu groß:"
CLI_EXPORT_UNWRITABLE = "Export abgebrochen: In „{path}“ kann nicht geschrieben werden ({reason})."
CLI_WRITE_REASONS = {
    "EACCES": "keine Schreibrechte",
    "EPERM": "keine Schreibrechte",
    "EROFS": "der Ordner ist schreibgeschützt",
    "ENOSPC": "der Datenträger ist voll",
    "EDQUOT": "der Speicherplatz ist aufgebraucht",
    "ENOENT": "den Ordner gibt es nicht und er lässt sich nicht anlegen",
    "ENOTDIR": "ein Teil des Pfads ist kein Ordner",
    "EISDIR": "dort liegt ein Ordner mit dem Namen der Datei",
}
CLI_WRITE_REASON_OTHER = "Systemfehler Nr. {number}"
CLI_WRITE_FAILED = "Abgebrochen: „{path}“ lässt sich nicht schreiben ({reason})."
CLI_WRITE_REASON_EXISTS = "dort liegt eine Datei, wo ein Ordner hingehört"
CLI_WRITE_REASON_LOCKED = "die Datei ist gerade von einem anderen Vorgang gesperrt; bitte gleich noch einmal versuchen"
EXPORT_SIZE_SMALL = "< 1 KB"
EXPORT_SIZE_KB = "{size} KB"
EXPORT_SIZE_MB = "{size} MB"
EXPORT_OLDER_FILES = "Ältere Dateien im Export-Ordner ({count})"
EXPORT_THIS_RUN = "Dateien dieses Exports"
EXPORT_FILE_DATE = "vom {date}"
ERR_IMAGE_TOO_BIG = "Das Bild ist zu groß ({size} MB), erlaubt sind höchstens {limit} MB."
ERR_IMAGE_TOO_MANY_PIXELS = (
    "Das Bild hat zu viele Bildpunkte ({megapixels} Megapixel), erlaubt sind höchstens {limit} Megapixel. "
    "Bitte ein kleineres Bild hochladen."
)
ERR_IMAGES_FOLDER_SYMLINK = (
    "Der Ordner „bilder“ ist eine Verknüpfung auf einen anderen Ort; dorthin wird nichts gespeichert. "
    "Bitte die Moderation verständigen."
)
ERR_IMAGE_SYMLINK = (
    "Das Bild „{file}“ wird nicht angezeigt: Es ist eine Verknüpfung auf eine andere Datei. "
    "Bitte das Bild neu hochladen."
)
ERR_IMAGE_UNREADABLE = "Die Datei ist kein lesbares Bild. Bitte ein Foto oder eine Grafik als PNG oder JPEG hochladen."
WIZ_UPLOAD = "Eigenes Bild (optional, PNG oder JPEG, höchstens {limit} MB)"
WIZ_UPLOAD_REMOVE = "Eigenes Bild entfernen"
WIZ_UPLOAD_HINT = "Ohne eigenes Bild erscheint das gezeichnete Porträt."

# --- history ----------------------------------------------------------------------------------
HISTORY_TITLE = "Verlauf: frühere Fassungen"
HISTORY_NONE = "Noch keine früheren Fassungen – der Verlauf beginnt mit dem zweiten Speichern."
HISTORY_ENTRY = "**Stand {revision}** · {when}"
HISTORY_RESTORE = "Stand {revision} wiederherstellen"
HISTORY_RESTORE_HELP = "Lädt diese Fassung und speichert sie als neuen Stand; nichts geht verloren."
HISTORY_CHANGED = "{field} geändert"
HISTORY_STAGE = "Stufe {topic}: {before} → {after}"
HISTORY_NOTE = "Notiz zu {topic} geändert"
HISTORY_ADDED = "{section}: {count} neu"
HISTORY_REMOVED = "{section}: {count} entfernt"
HISTORY_EDITED = "{section}: bearbeitet oder umsortiert"
HISTORY_EDITED_COUNT = "{section}: {count} bearbeitet"
HISTORY_NO_CHANGE = "keine inhaltliche Änderung"
HISTORY_UNREADABLE = "Stand {revision}: nicht lesbar"

# --- facilitator access -------------------------------------------------------------------------
PIN_LABEL = "Moderations-PIN"
PIN_INTRO = "Diese Seite ist für die Moderation. Bitte den PIN eingeben."
PIN_SUBMIT = "Entsperren"
PIN_WRONG = "Der PIN stimmt nicht."
PIN_WAIT = "Zu viele falsche Versuche. Bitte {seconds} Sekunden warten."
PIN_NOT_SET = (
    "Es ist kein Moderations-PIN gesetzt: Alle im Netz können diese Seite öffnen. "
    "So setzen: im Terminal `python -m werkstatt pin` (speichert nur eine Prüfsumme) "
    "oder `WERKSTATT_PIN=… make run ADDRESS=0.0.0.0`"
)
PIN_REQUIRED_FOR_CODES = (
    "Zugangscodes sind aktiv, aber es ist kein Moderations-PIN gesetzt – die Moderationsseiten bleiben "
    "deshalb gesperrt. PIN setzen: im Terminal `python -m werkstatt pin` (fragt den PIN ab und speichert nur "
    "eine Prüfsumme neben den Workshops) oder die App mit `WERKSTATT_PIN=… make run` starten; "
    "danach diese Seite neu laden."
)
PIN_LOGOUT = "Moderation auf diesem Gerät beenden"
PIN_LOGGED_OUT = "Dieses Gerät ist nicht mehr als Moderation angemeldet."
CLI_NEW_HELP = "Einen neuen Workshop-Ordner anlegen (Standard-Themen und die vier Leitfragen)"
CLI_NEW_TITLE = "Titel des Workshops"
CLI_NEW_DATE = "Datum (JJJJ-MM-TT)"
CLI_NEW_PLACE = "Ort"
CLI_NEW_KOMMUNE = 'Kommune als "Name;Art;Land", z. B. "Landkreis Musterhausen;Landkreis;Hessen" (mehrfach angeben)'
CLI_NEW_ROOT = "Ordner, unter dem der Workshop angelegt wird (Standard: personas/)"
CLI_NEW_EXISTS = "Den Ordner „{folder}“ gibt es schon – nichts wurde überschrieben."
CLI_NEW_BAD_DATE = "Das Datum „{value}“ ist nicht im Format JJJJ-MM-TT."
CLI_NEW_DONE = "Workshop „{title}“ angelegt: {folder} ({count} Kommunen). Start: WERKSTATT_PERSONAS={root} make run"
DEFAULT_TOPICS = {
    "kjsg": "Umsetzung des KJSG",
    "beteiligung": "Beteiligung in der Kinder- und Jugendhilfe",
    "kinderarmut": "Steuerung im Themenfeld Kinderarmut",
    "daten": "Datenbasis und Sozialberichterstattung",
    "kooperation": "Kooperation und Vernetzung",
    "personal": "Personal und Ressourcen",
}
GUIDING_QUESTIONS = (
    "Gibt es unser Problem schon bzw. auch in anderen Kommunen?",
    "Wie wurde es in anderen Kommunen bereits gelöst?",
    "Was hat gut funktioniert – und was weniger?",
    "Was können wir übertragen bzw. wovon können wir lernen?",
)

# --- join codes -------------------------------------------------------------------------------
NAV_ACCESS = "Zugang"
JOIN_CODE = "Zugangscode Ihrer Kommune"
JOIN_CODE_PLACEHOLDER = "z. B. K7MP-Q4RT"
JOIN_SUBMIT = "Beitreten"
JOIN_WRONG = (
    "Diesen Zugangscode gibt es nicht (oder nicht mehr). Bitte prüfen Sie die Karte auf Ihrem Tisch "
    "oder fragen Sie die Moderation."
)
JOIN_ENDED = (
    "Die Moderation hat neue Zugangscodes ausgegeben; Ihr bisheriger Code gilt nicht mehr. "
    "Bitte melden Sie sich mit dem neuen Code an."
)
JOIN_FIRST = "Bitte melden Sie sich zuerst auf der Seite *Start* mit dem Zugangscode Ihrer Kommune an."
JOIN_SIGNED_IN = "Sie sind angemeldet für **{name}**."
JOIN_TO_PERSONA = "Zur eigenen Persona"
WORKSHOP_SHOWN = "Workshop: {title}"
WORKSHOP_CHOOSE = "Welcher Workshop?"
WORKSHOP_CHOOSE_PLACEHOLDER = "Bitte wählen …"  # as every other select box of the app
WORKSHOP_CHOOSE_NEEDED = "Bitte oben den Workshop wählen."
DAY_NOT_REVEALED = (
    "Diese Seite öffnet sich, sobald die Moderation die Personas aller Kommunen freigibt. "
    "Sie aktualisiert sich dann von selbst."
)
JOIN_INTRO = "Geben Sie den Zugangscode von der Karte auf Ihrem Tisch ein – oder scannen Sie den QR-Code."
JOIN_REQUIRED = (
    "Bitte melden Sie sich mit dem Zugangscode Ihrer Kommune an. Bearbeiten können Sie nur die eigene Persona."
)
JOIN_NOT_REVEALED = "Die Moderation zeigt die Personas der anderen, sobald alle ihre eigene geschrieben haben."
ACCESS_TITLE = "Zugang für die Kommunen"
ACCESS_INTRO = (
    "Jede Kommune bekommt einen Zugangscode und einen QR-Code. Wer den Code eingibt, bearbeitet nur die "
    "Persona der eigenen Kommune. Gespeichert werden die Codes nur als Prüfsumme: Drucken Sie die "
    "Zugangskarten gleich nach dem Erzeugen."
)
ACCESS_GENERATE = "Neue Zugangscodes erzeugen"
ACCESS_GENERATE_HELP = "Alte Codes gelten danach nicht mehr."
ACCESS_WRITE_FAILED = "Nicht gespeichert: {reason}. Die bisherigen Codes und die Freigabe gelten weiter."
ACCESS_ACTIVE = "Zugangscodes sind aktiv für {count} Kommunen."
ACCESS_NONE = "Noch keine Zugangscodes: Alle können jede Persona bearbeiten."
ACCESS_REVEAL = "Personas der anderen für alle sichtbar"
ACCESS_REVEAL_HELP = "Aus: Jede Kommune sieht zuerst nur die eigene Persona."
ACCESS_CARDS = "Zugangskarten als PDF"
ACCESS_CARDS_DOWNLOAD = "Zugangskarten herunterladen"
ACCESS_TABLE_CODE = "Code"
ACCESS_TABLE_LINK = "Link"
CARDS_TITLE = "Zugangskarten"
CARDS_HOWTO = "QR-Code scannen oder Adresse öffnen und den Code eingeben."
ACCESS_NEEDS_PIN = (
    "Zugangscodes gibt es nur mit Moderations-PIN – sonst könnte jede Person im Netz neue Codes erzeugen "
    "und alle Personas lesen. PIN setzen: im Terminal `python -m werkstatt pin` (fragt den PIN ab und "
    "speichert nur eine Prüfsumme neben den Workshops) oder die App mit `WERKSTATT_PIN=… make run` starten. "
    "Danach diese Seite neu laden."
)
ACCESS_ADDRESS = "Adresse der App im Netz (steht auf Karten, Links und QR-Codes)"
ACCESS_ADDRESS_HELP = (
    "Die Adresse, unter der die Laptops der Kommunen die App erreichen – nicht 127.0.0.1 oder localhost. "
    "Die App muss dafür im Netz erreichbar sein: `make run ADDRESS=0.0.0.0`."
)
CARDS_ADDRESS_LOOPBACK = (
    "Die Adresse {url} zeigt auf diesen Rechner selbst (127.0.0.1, localhost, ::1): Auf den Laptops der "
    "Kommunen führt sie ins Leere. Bitte die Adresse dieses Rechners im Netz angeben, "
    "z. B. http://192.168.1.20:8501."
)
CARDS_ADDRESS_BROKEN = "„{url}“ ist keine vollständige Adresse. Beispiel: http://192.168.1.20:8501"
CARDS_NO_LAN = (
    "Dieser Rechner hat keine Netzwerkadresse gefunden. Bitte die Adresse angeben, "
    "z. B. --address http://192.168.1.20:8501"
)
CLI_CODES_HELP = (
    "Zugangscodes für jede Kommune erzeugen, mit Link ausgeben und die Zugangskarten (PDF) schreiben"
)
CLI_CODES_ADDRESS = "Adresse der App im Netz (Standard: die Netzwerkadresse dieses Rechners, Port 8501)"
CLI_CODES_NEW = "Neue Codes erzeugen, auch wenn es schon welche gibt (die alten gelten dann nicht mehr)"
CLI_CODES_OUT = "Wohin die Zugangskarten kommen (Standard: exports/<workshop>/Zugangskarten.pdf)"
CLI_CODES_EXIST = (
    "Für „{title}“ gibt es schon Zugangscodes. Sie sind nur als Prüfsumme gespeichert und lassen sich "
    "deshalb nicht noch einmal anzeigen. Neue Codes erzeugen (die alten gelten dann nicht mehr, "
    "wer damit angemeldet ist, muss sich neu anmelden): python -m werkstatt codes {folder} --new"
)
CLI_CODES_LINE = "{name}: {code}  {link}"
CLI_CODES_OUT_FAILED = (
    "Die Zugangskarten lassen sich nicht nach {out} schreiben ({reason}); die alten Codes gelten weiter."
)
CLI_CODES_NOT_SAVED = (
    "Die neuen Codes ließen sich nicht speichern ({reason}); die alten Codes gelten weiter. "
    "Die eben geschriebenen Zugangskarten wären ungültig und wurden wieder gelöscht."
)
CLI_CODES_DONE = (
    "{count} Zugangscodes erzeugt, Zugangskarten: {out}\n"
    "Die Codes sind sonst nirgends lesbar gespeichert (nur als Prüfsumme) – die Karten jetzt drucken."
)
CLI_CODES_NO_PIN = (
    "Ohne Moderations-PIN gibt es keine Zugangscodes (sonst könnte jede Person im Netz neue Codes erzeugen "
    "und alle Personas lesen). Zuerst den PIN setzen: python -m werkstatt pin --root {root}  "
    "(oder WERKSTATT_PIN setzen)."
)
CLI_PIN_HELP = "Den Moderations-PIN setzen; gespeichert wird nur seine Prüfsumme, neben den Workshops"
CLI_PIN_ROOT = "Ordner mit den Workshops (Standard: personas/)"
CLI_PIN_PROMPT = "Neuer Moderations-PIN: "
CLI_PIN_REPEAT = "PIN wiederholen: "
CLI_PIN_MISMATCH = "Die beiden Eingaben stimmen nicht überein. Nichts wurde gespeichert."
CLI_PIN_SHORT = "Der PIN braucht mindestens {length} Zeichen. Nichts wurde gespeichert."
CLI_PIN_DONE = (
    "PIN gespeichert (nur als Prüfsumme) in {file}. Die App liest ihn, sobald WERKSTATT_PIN nicht gesetzt "
    "ist; Geräte, die mit dem alten PIN angemeldet waren, müssen den neuen eingeben."
)
CLI_PIN_ENV_WINS = "Hinweis: WERKSTATT_PIN ist gesetzt und hat Vorrang vor der Datei."

# --- workshop setup -----------------------------------------------------------------------------
NAV_SETUP = "Workshop anlegen"
SETUP_TITLE = "Neuen Workshop anlegen"
SETUP_INTRO = "Titel, Datum, Ort, die Themen des Tages und die beteiligten Kommunen – mehr braucht es nicht."
SETUP_WORKSHOP_TITLE = "Titel"
SETUP_DATE = "Datum"
SETUP_PLACE = "Ort"
SETUP_TOPICS = "Themen (Reihenfolge über die Spalte „Nr.“; Kurzname nur a–z, 0–9 und -)"
SETUP_QUESTIONS = "Die vier Leitfragen"
SETUP_QUESTION = "Leitfrage {number}"
SETUP_KOMMUNEN = "Kommunen"
SETUP_CREATE = "Workshop anlegen"
SETUP_DONE = "Workshop „{title}“ ist angelegt. Als Nächstes: Zugangscodes erzeugen."
SETUP_EXISTS = "Einen Workshop mit diesem Namen gibt es schon ({slug}). Bitte einen anderen Titel wählen."
SETUP_PROBLEMS = "Der Workshop wurde nicht angelegt:"
SETUP_WRITE_FAILED = "Der Workshop wurde nicht angelegt: {reason}. Die Angaben bleiben im Formular stehen."
SETUP_COL_NR = "Nr."
SETUP_COL_ID = "Kurzname"
SETUP_COL_LABEL = "Bezeichnung"
SETUP_COL_NAME = "Name"
SETUP_COL_KIND = "Art"
SETUP_COL_STATE = "Land"
SETUP_ROWS_HINT = (
    "Ins Feld klicken und tippen. In der leeren Zeile am Ende beginnt die nächste; eine geleerte Zeile zählt nicht."
)
SETUP_FIELD = "{what} {row}: {column}"
SETUP_ROW_TOPIC = "Thema"
SETUP_ROW_KOMMUNE = "Kommune"
SETUP_NOT_GIVEN = "–"
SETUP_KOMMUNE_NAMELESS = (
    "Kommune {rows}: Art oder Land ist gewählt, aber der Name fehlt. Bitte den Namen ergänzen oder die Zeile leeren."
)
KOMMUNE_KINDS = ("kreisfreie Stadt", "Landkreis", "kreisangehörige Stadt", "Gemeinde", "Stadtstaat")
LAENDER = (
    "Baden-Württemberg",
    "Bayern",
    "Berlin",
    "Brandenburg",
    "Bremen",
    "Hamburg",
    "Hessen",
    "Mecklenburg-Vorpommern",
    "Niedersachsen",
    "Nordrhein-Westfalen",
    "Rheinland-Pfalz",
    "Saarland",
    "Sachsen",
    "Sachsen-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
)

# -- the day: Themenbörse, programme, topic rounds, takeaways (werkstatt/day/, ui/market,agenda,board,takeaways_page) --
DAY_UNKNOWN_IDEA = "Themenidee „{id}“ gibt es nicht (mehr)"
DAY_UNKNOWN_GROUP = "Themenrunde „{id}“ steht nicht (mehr) im Programm"
DAY_UNKNOWN_SLOT = "Zeitblock „{id}“ gibt es nicht (mehr)"
DAY_UNKNOWN_ENTRY = "Beitrag „{id}“ gibt es nicht (mehr)"
DAY_UNKNOWN_QUESTION = "Leitfrage {question} gibt es nicht (1 bis 4)"
DAY_DUPLICATE_ID = "Kennung „{id}“ kommt doppelt vor"
DAY_CHOICE = "erlaubt sind {allowed}, gefunden: {value}"
DAY_EXPECTED_BOOL = "muss true oder false sein, gefunden: {value}"
DAY_TIME = "Uhrzeit bitte als HH:MM (z. B. 10:30), gefunden: „{value}“"
DAY_TIME_ORDER = "Das Ende muss nach dem Beginn liegen."
DAY_BOARD_MISMATCH = "gehört zu Themenrunde {found}, erwartet: „{expected}“"
DAY_REQUIRED = "Bitte {what} ausfüllen."
DAY_IDEA_TITLE = "einen Titel für die Themenidee"
DAY_GROUP_TITLE = "ein Thema für die Runde"
DAY_ENTRY_TEXT = "einen Text für den Beitrag"
DAY_TAKEAWAY_TEXT = "ein, was Sie ausprobieren wollen,"
DAY_TOO_MANY_IDEAS = "Die Themenbörse hat schon {limit} Ideen – bitte Doppeltes zusammenlegen."
DAY_TOO_MANY = "Mehr als {limit} Einträge sind hier nicht vorgesehen."
DAY_ALREADY_TAKEN = "Dieser Eintrag der Persona steht schon als Themenidee in der Börse."
DAY_OWN_IDEA = "Das ist die eigene Idee Ihrer Kommune – sie betrifft Sie ohnehin."
DAY_VOTE_MERGED = "Diese Idee wurde mit einer anderen zusammengelegt; bitte dort weitermachen."
DAY_NO_DOTS_LEFT = "Alle {dots} Punkte Ihrer Kommune sind vergeben. Nehmen Sie erst einen Punkt zurück."
DAY_NO_DOT_HERE = "Ihre Kommune hat auf diese Idee keinen Punkt gesetzt."
DAY_DOTS_RANGE = "Punkte je Kommune: 0 bis {limit}."
DAY_MARK_INVALID = "Diese Markierung gibt es nicht."
DAY_MERGE_SELF = "Eine Idee kann nicht mit sich selbst zusammengelegt werden."
DAY_MERGED_DESCRIPTION = "Aus „{title}“: {text}"
DAY_MERGE_TOO_LONG = (
    "Beide Beschreibungen zusammen wären länger als {limit} Zeichen. Bitte zuerst eine Beschreibung kürzen."
)
DAY_NOT_MERGED = "Diese Idee ist nicht (mehr) zusammengelegt."
DAY_UNMERGE_FIRST = "„{title}“ wurde inzwischen selbst zusammengelegt; bitte zuerst das rückgängig machen."
DAY_COLUMN_FULL = "In dieser Spalte stehen schon {limit} Beiträge."
DAY_ENTRY_CHANGED = (
    "Jemand hat diesen Beitrag inzwischen geändert. Ihre Fassung ist unten erhalten – bitte neu laden und erneut "
    "bearbeiten."
)
DAY_FILE_ERROR = "Die Datei des Tages lässt sich nicht lesen; es wurde nichts überschrieben:"
DAY_BUSY = "Die Datei ist gerade von jemand anderem gesperrt. Bitte gleich noch einmal versuchen."
DAY_WRITE_FAILED = (
    "Nicht gespeichert: {reason}. Eingegebener Text bleibt im Feld stehen; bitte der Moderation "
    "Bescheid geben und danach noch einmal versuchen."
)
DAY_ACT_AS = "Ihre Kommune"
DAY_ACT_AS_NONE = "Bitte wählen …"  # as on the start page: one wording for one thing
DAY_SIGNED_IN = "Sie machen mit für **{name}**."
DAY_ACT_AS_NEEDED = "Bitte oben Ihre Kommune wählen, um mitzumachen."
DAY_JOIN_NEEDED = "Zum Mitmachen bitte mit dem Zugangscode Ihrer Kommune anmelden (Seite *Start*)."

NAV_MARKET = "Themenbörse"
MARKET_TITLE = "Themenbörse"
MARKET_INTRO = (
    "Welche Themen brennen Ihnen unter den Nägeln? Schlagen Sie Themen für die Runden des Tages vor, markieren Sie, "
    "was Sie auch betrifft, und verteilen Sie Ihre Punkte auf die wichtigsten Ideen."
)
MARKET_DOTS_LEFT = "**{name}** hat noch **{left} von {total}** Punkten."
MARKET_NEW = "Neue Themenidee"
MARKET_FIELD_TITLE = "Titel der Idee"
MARKET_FIELD_DESCRIPTION = "Kurze Beschreibung (worum geht es, was möchten Sie wissen?)"
MARKET_FIELD_STEP = "Planungsschritt"
MARKET_FIELD_TOPICS = "Themenfelder"
MARKET_STEP_NONE = "– ohne –"
MARKET_SUBMIT = "Idee einreichen"
MARKET_SUBMITTED = "Ihre Idee „{title}“ steht in der Börse."
MARKET_FROM_PERSONA = "Aus Ihrer Persona übernehmen"
MARKET_FROM_PERSONA_HINT = (
    "Fragen und Stolpersteine Ihrer Persona: Ein Klick stellt den Eintrag als Idee in die Börse (Titel ist der "
    "erste Satz). Wer ihn anders fassen möchte, schreibt oben eine eigene Idee."
)
MARKET_TAKE = "Als Idee vorschlagen"
MARKET_TAKEN = "steht schon in der Börse"
MARKET_NO_PERSONA = "Ihre Kommune hat noch keine gespeicherte Persona."
MARKET_LIST = "Alle Ideen"
MARKET_EMPTY = "Noch keine Themenideen. Die erste Idee eröffnet die Börse."
MARKET_FROM = "von {name}"
MARKET_BY_FACILITATION = "von der Moderation"
MARKET_SUPPORTERS = "Betrifft auch: {names}"
MARKET_DOTS = "{dots} Punkte"
MARKET_DOT_ONE = "1 Punkt"
MARKET_SUPPORT = "Betrifft uns auch"
MARKET_UNSUPPORT = "Betrifft uns doch nicht"
MARKET_VOTE = "Punkt setzen"
MARKET_UNVOTE = "Punkt zurücknehmen"
MARKET_YOUR_DOTS = "davon von Ihnen: {dots}"
MARKET_MERGED_INTO = "zusammengelegt mit „{title}“"
MARKET_MERGED_FROM = "Enthält auch: {titles}"
MARKET_STATUS = "Stand: {status}"
MARKET_FACILITATION = "Moderation: Punkte, Markieren, Zusammenlegen"
MARKET_SET_DOTS = "Punkte je Kommune"
MARKET_SAVE_DOTS = "Punktzahl übernehmen"
MARKET_MARK = "Markierung"
MARKET_MARK_SAVE = "Markieren"
MARKET_MERGE_SOURCE = "Doppelte Idee"
MARKET_MERGE_TARGET = "zusammenlegen mit"
MARKET_MERGE = "Zusammenlegen"
MARKET_MERGED = "Zusammengelegt: Punkte, Unterstützende und Beschreibung sind übernommen."
MARKET_UNMERGE_CHOOSE = "Zusammengelegte Idee"
MARKET_UNMERGE = "Zusammenlegen rückgängig"
MARKET_UNMERGED = "„{title}“ steht wieder einzeln in der Börse, mit ihren Punkten."
MARKET_ORDER_ARRIVAL = "Reihenfolge: wie eingereicht. Punkte verschieben keine Karte."
MARKET_ORDER_RANKED = "Reihenfolge: nach Punkten, Stand beim Sortieren. Neue Ideen stehen unten."
MARKET_SORT = "Nach Punkten sortieren"
MARKET_UNSORT = "Wie eingereicht ordnen"
MARKET_IDEA_LABEL = "{title} ({dots})"
MARKET_STEP_LABEL = "Planungsschritt: {step}"

NAV_AGENDA = "Programm"
AGENDA_TITLE = "Programm des Tages"
AGENDA_INTRO = "Aus den aufgenommenen Themenideen entsteht das Programm: Zeitblöcke, parallele Runden, wer vorstellt."
AGENDA_EMPTY = "Noch kein Programm. Die Moderation legt es hier aus den aufgenommenen Ideen an."
AGENDA_PDF = "Programm als PDF (eine Seite)"
AGENDA_ADD_SLOT = "Zeitblock hinzufügen"
AGENDA_START = "Beginn (Uhrzeit)"
AGENDA_END = "Ende (Uhrzeit)"
AGENDA_SLOT_TITLE = "Bezeichnung (z. B. Themenrunde 1, Mittagspause)"
AGENDA_SLOT_SUBMIT = "Zeitblock anlegen"
AGENDA_ADD_GROUP = "Runde in diesem Block hinzufügen"
AGENDA_GROUP_IDEA = "Aus der Themenbörse"
AGENDA_GROUP_IDEA_NONE = "– freies Thema –"
AGENDA_GROUP_TITLE = "Thema der Runde (leer lassen, um den Titel der Idee zu nehmen)"
AGENDA_GROUP_ROOM = "Raum"
AGENDA_GROUP_PRESENTERS = "Es stellen vor"
AGENDA_GROUP_SUBMIT = "Runde anlegen"
AGENDA_REMOVE_SLOT = "Block entfernen"  # "Zeitblock entfernen" was cut at 1366 px
AGENDA_REMOVE_GROUP = "Runde entfernen"
AGENDA_ROOM = "Raum: {room}"
AGENDA_PRESENTERS = "Es stellen vor: {names}"
AGENDA_OPEN_BOARD = "Zur Themenrunde"
AGENDA_COL_TIME = "Zeit"
AGENDA_COL_SLOT = "Block"
AGENDA_COL_GROUPS = "Runden"
AGENDA_NO_GROUPS = "im Plenum"

NAV_BOARD = "Themenrunde"
BOARD_TITLE = "Themenrunde"
BOARD_INTRO = "Vier Leitfragen, eine Spalte je Frage. Beiträge aus allen Kommunen erscheinen hier nach Sekunden."
BOARD_NO_AGENDA = "Noch keine Themenrunden: Die Moderation legt sie im *Programm* an."
BOARD_CHOOSE = "Themenrunde"
BOARD_ADD = "Beitrag hinzufügen"
BOARD_QUESTION = "Zu welcher Leitfrage?"
BOARD_TEXT = "Ihr Beitrag"
BOARD_KIND = "Wie lief es?"
BOARD_SUBMIT = "Beitrag hinzufügen"
BOARD_ADDED = "Ihr Beitrag steht auf der Tafel."
BOARD_EMPTY_COLUMN = "Noch keine Beiträge."
BOARD_HIDDEN = "ausgeblendet"
BOARD_FROM_PERSONA = "aus der Persona"
BOARD_EDIT = "Bearbeiten"
BOARD_EDIT_TEXT = "Text des Beitrags"
BOARD_EDIT_SAVE = "Änderung speichern"
BOARD_MOVE_TO = "Verschieben nach"
BOARD_UP = "Nach oben"
BOARD_DOWN = "Nach unten"
BOARD_HIDE = "Ausblenden"
BOARD_SHOW = "Wieder zeigen"
BOARD_PROJECTOR = "Projektor-Ansicht"
BOARD_PROJECTOR_HELP = "Nur die Tafel, groß, ohne Bedienelemente; aktualisiert sich alle 2 Sekunden. Esc beendet sie."
BOARD_PROJECTOR_LEAVE = "Projektor-Ansicht · Esc beendet sie"
BOARD_PROJECTOR_MORE = "▼ weitere Beiträge"
BOARD_GOOD = "gut"
BOARD_LESS = "weniger gut – mit der Lehre daraus"
BOARD_LEARNING_NOTE = "Auch was nicht geklappt hat, ist wertvoll: Was haben Sie daraus gelernt?"
BOARD_DEFAULT_QUESTIONS = (
    "Wo gibt es das Problem noch?",
    "Wie wurde es gelöst?",
    "Was hat gut funktioniert – was weniger?",
    "Was können wir übertragen?",
)

NAV_TAKEAWAYS = "Mitnehmen"
TAKEAWAYS_TITLE = "Mitnehmen"
TAKEAWAYS_INTRO = (
    "Was nimmt Ihre Kommune mit nach Hause? Halten Sie fest, was Sie ausprobieren, was der nächste konkrete Schritt "
    "ist und mit welcher Kommune Sie sprechen wollen."
)
TAKEAWAYS_TEXT = "Was wir ausprobieren"
TAKEAWAYS_NEXT = "Nächster konkreter Schritt"
TAKEAWAYS_CONTACTS = "Mit wem wir Kontakt aufnehmen"
TAKEAWAYS_ADD = "Vorhaben hinzufügen"
TAKEAWAYS_SAVE = "Änderung speichern"
TAKEAWAYS_REMOVE = "Entfernen"
TAKEAWAYS_NONE = "Noch nichts festgehalten."
TAKEAWAYS_PDF = "Meine Mitnehmen-Seite als PDF"
TAKEAWAYS_ALL = "Was die Kommunen mitnehmen"
TAKEAWAYS_ON_PERSONA = "Das nimmt {name} mit"
TAKEAWAYS_CONTACT_LINE = "Kontakt: {names}"
TAKEAWAYS_NEXT_LINE = "Nächster Schritt: {step}"
TAKEAWAYS_SUGGESTED = "Vorschläge aus den Lernpartnern: {names}"

DOC_MARKET = "Themenbörse"
DOC_MARKET_INTRO = "{ideas} Ideen, {dots} vergebene Punkte ({per} je Kommune)."
DOC_AGENDA = "Programm"
DOC_SESSIONS = "Themenrunden"
DOC_SESSIONS_EMPTY = "Ohne Einträge auf der Pinnwand: {rounds}."
DOC_SESSIONS_NONE = "Im Programm stehen keine Themenrunden."
DOC_TAKEAWAYS = "Was die Kommunen mitnehmen"
DOC_CONTACTS = "Verabredete Kontakte"
DOC_CONTACTS_NONE = "Keine Kontakte festgehalten."
DOC_COL_IDEA = "Idee"
DOC_COL_FROM = "von"
DOC_COL_SUPPORT = "betrifft auch"
DOC_COL_DOTS = "Punkte"
DOC_COL_STATUS = "Stand"
DOC_COL_WHO = "Kommune"
DOC_COL_CONTACT = "nimmt Kontakt auf mit"
DOC_COL_ABOUT = "worum es geht"
DOC_TAKEAWAYS_TITLE = "Mitnehmen: {name}"
AGENDA_EDIT = "Moderation: Programm bearbeiten"
AGENDA_MAKE_PDF = "Programm-PDF erstellen"
BOARD_EDIT_MODE = "Beiträge bearbeiten"
BOARD_EDIT_HINT = (
    "Bearbeiten, verschieben, ausblenden: Ausgeblendete Beiträge bleiben gespeichert, erscheinen aber weder auf dem "
    "Projektor noch in der Dokumentation. Diese Ansicht aktualisiert sich erst nach Ihrer nächsten Änderung."
)
TAKEAWAYS_SAVED = "Gespeichert."
TAKEAWAYS_MAKE_PDF = "Mitnehmen-PDF erstellen"
DAY_KOMMUNEN_PLACEHOLDER = "Kommunen wählen …"
WORKER_FAILED = "Der Export ist mit einem unerwarteten Fehler abgebrochen: {error}"
WORKER_TIMEOUT = "Der Export hat zu lange gedauert und wurde abgebrochen. Bitte erneut versuchen."
MARKET_EDIT_CHOOSE = "Idee bearbeiten"
MARKET_EDIT_SAVE = "Änderung speichern"
MARKET_COL_USED = "Punkte vergeben"
MARKET_COL_LEFT = "noch frei"
MARKET_COL_IDEAS = "eigene Ideen"
AGENDA_HAS_ENTRIES = (
    "{count} Beiträge auf der Tafel: Diese Runde bleibt im Programm (umbenennen und verschieben gehen)."
)
AGENDA_GROUP_TITLE_EDIT = "Thema der Runde"
AGENDA_GROUP_SLOT = "Zeitblock"
