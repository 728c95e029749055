"""The committee bundle of 19/02/2024 as data: the evaluation report, the themes, every
recommendation and action of the police presentation and the city's project, texts as
written (loaded by recommendations/demo.py).
"""

import datetime

d = datetime.date

REGISTERED = d(2023, 5, 1)
PRESENTATION = d(2024, 2, 12)

REPORT = {
    "title": "Onderzoek naar het effect van het handelingskader professioneel profileren",
    "institutions": "Vrije Universiteit Brussel (VUB), Universiteit Gent (UGent)",
}

THEMES = [
    "Inbedding van het opleidingstraject",
    "Opvoeren van de kwantiteit van de opleidingen",
    "Intervisie en blijvende reflectie en verbeteren",
    "Systematische identiteitscontroles",
    "Dialoog en vertrouwen tussen burgers en politie",
]

PRESENTATION_REF = "Presentatie commissie AFB 19/02/2024, deel %s"
PROJECT_REF = "Projectvoorstel ‘Dialog en vertrouwen tussen burgers en politie versterken’"

# code, theme number, reference, text, steps, position, reasoning, police status.
RECOMMENDATIONS = [
    (
        "2.1",
        1,
        PRESENTATION_REF % 2,
        "Centrale concepten herkenbaarder maken",
        ["selecteren", "motiveren", "respectvol-omgaan", "reflecteren"],
        "aanvaard",
        "",
        "uitgevoerd",
    ),
    (
        "2.2",
        1,
        PRESENTATION_REF % 2,
        "Meer aandacht voor ‘dwangmatig’ karakter van een controle en hoe dit wordt ‘beleefd’ "
        "door burgers",
        ["respectvol-omgaan"],
        "aanvaard",
        "",
        "uitgevoerd",
    ),
    (
        "2.3",
        1,
        PRESENTATION_REF % 2,
        "Update van het erkenningsdossier overwegen",
        [],
        "aanvaard",
        "",
        "lopend",
    ),
    (
        "3.1",
        2,
        PRESENTATION_REF % 3,
        "Overwegen om meer selectief te zijn in wie de opleiding ‘prioritair’ of ‘meer "
        "intensief’ moet volgen op korte termijn",
        [],
        "deels_aanvaard",
        "Voor modules theorie en VR doen we dit niet, omdat we een mix van deelnemers uit "
        "verschillende diensten nastreven (meerwaarde voor leerproces). Sinds einde corona is er "
        "een inhaalbeweging van opleidingen en zijn er soms te veel tegelijk; zo vinden we de "
        "opleiding ‘serious game’/integriteit minstens even belangrijk.",
        "deels_uitgevoerd",
    ),
    (
        "4.1",
        3,
        PRESENTATION_REF % 4,
        "Reflectie blijvend mogelijk maken en deze ook systematisch voorzien in de organisatie "
        "(meerdere opleidingsmomenten nodig opdat men zich gaandeweg zou openstellen voor andere "
        "manieren van werken). Ook na de opleiding de reflectie als team en collega over het "
        "eigen gedrag verder aanmoedigen",
        ["reflecteren"],
        "aanvaard",
        "",
        "lopend",
    ),
    (
        "5.1",
        4,
        PRESENTATION_REF % 5,
        "Goede communicatie over het doel van dergelijke maatregelen op niveau van de politie, "
        "interactie met de bevolking en het evalueren van het effect ervan (op niveau van de "
        "organisatie) is belangrijk om de politielegitimiteit op lange termijn te vrijwaren",
        ["selecteren", "motiveren", "respectvol-omgaan"],
        "aanvaard",
        "",
        "lopend",
    ),
    (
        "6.1",
        5,
        PROJECT_REF,
        "bouw verder aan wederzijdse communicatie en vertrouwen",
        ["respectvol-omgaan"],
        "aanvaard",
        "",
        "lopend",
    ),
]

# Each action: recommendations, fields at creation, the day it is recorded, then later
# events (day, field changes or None, progress update text or None).
ACTIONS = [
    {
        "for": ["2.1"],
        "title": "De 4 stappen vaker herhalen in de modules HK",
        "description": "De 4 stappen worden vaker herhaald in de modules HK",
        "status": "afgerond",
        "completed_on": PRESENTATION,
    },
    {
        "for": ["2.1"],
        "title": "De 4 stappen inbedden in andere opleidingen en trainingen",
        "description": "Zijn ingebed in andere opleidingen en trainingen (basisopleiding, "
        "fiches geweldbeheersing, etc,)",
        "status": "afgerond",
        "completed_on": PRESENTATION,
    },
    {
        "for": ["2.2"],
        "title": "Aandacht in de modules HK en in de nieuwe module ‘intervisie’",
        "description": "Dit zat al verweven in de eerste modules HK en krijgt ook aandacht in "
        "de nieuwe module ‘intervisie’",
        "status": "afgerond",
        "completed_on": PRESENTATION,
    },
    {
        "for": ["2.2"],
        "title": "Bevraging van gecontroleerde personen tijdens de opleiding BDO (Winterfeesten "
        "2023)",
        "description": "Ook aandacht in andere opleidingen, bvb. tijdens opleiding BDO "
        "(behaviour detection officer) op de Winterfeesten 2023 werden personen na controle "
        "door de opleiders bevraagd naar hun ervaring (uitleg, omgang) -> 95% positief",
        "status": "afgerond",
        "completed_on": PRESENTATION,
        "updates": [
            (
                PRESENTATION,
                "Personen na controle door de opleiders bevraagd naar hun "
                "ervaring (uitleg, omgang): 95% positief.",
            )
        ],
    },
    {
        "for": ["2.3"],
        "title": "Nationale online opleiding ProProfile",
        "description": "De uitwerking van de nationale opleiding was gestart (met deelname van "
        "belangengroepen en sommige politiediensten zoals PZ Gent) en werd uitstekend geleid "
        "door het Hannah Arendt instituut; een eerste structuur werd vastgelegd in mei 2023 voor "
        "de online training ProProfile maar liep toen vertraging op en zou nu opnieuw opgestart "
        "worden in de volgende maanden",
        "partners": "Hannah Arendt instituut, belangengroepen, politiediensten (o.a. PZ Gent)",
        "status": "lopend",
        "recorded": d(2023, 5, 31),
        "updates": [
            (
                d(2023, 5, 31),
                "Een eerste structuur werd vastgelegd voor de online training ProProfile.",
            )
        ],
        "later": [
            (
                PRESENTATION,
                {"status": "on_hold"},
                "Liep vertraging op; zou nu opnieuw opgestart worden in de volgende maanden.",
            )
        ],
    },
    {
        "for": ["3.1"],
        "title": "Intervisie met de Dienst Operationele Acties",
        "description": "Intervisie gedaan specifiek met de Dienst Operationele Acties (teams "
        "die veel controles doen)",
        "status": "afgerond",
        "completed_on": PRESENTATION,
    },
    {
        "for": ["4.1"],
        "title": "Module ‘intervisie’ uitwerken en lanceren",
        "description": "De module ‘intervisie’ werd uitgewerkt en gelanceerd: inhoudelijke "
        "ondersteuning (praatplaat) ter beschikking voor leidinggevenden die met hun team een "
        "intervisiemoment organiseren – wordt ook deel van onze eigen online module",
        "status": "afgerond",
        "completed_on": PRESENTATION,
    },
    {
        "for": ["4.1"],
        "title": "Uitwisselingsdag voor politiekorpsen en -scholen (13/12/2023)",
        "description": "Op 13/12/2023 vond een uitwisselingsdag plaats georganiseerd door de PZ "
        "Gent voor politiekorpsen en –scholen uit Oost-Vlaanderen, West-Vlaanderen en Brussel.\n"
        "Kwamen aan bod:\n"
        "- Hoe zorg je voor goede gespreksleiders\n"
        "- Hoe kan je het handelingskader oefenen met VR en wat zijn de voordelen ervan\n"
        "- Hoe kan je het handelingskader oefenen zonder VR (rollenspel) en via intervisie",
        "partners": "Politiekorpsen en –scholen uit Oost-Vlaanderen, West-Vlaanderen en Brussel",
        "status": "afgerond",
        "start_date": d(2023, 12, 13),
        "due_date": d(2023, 12, 13),
        "completed_on": d(2023, 12, 13),
        "recorded": d(2023, 12, 13),
    },
    {
        "for": ["4.1"],
        "title": "Eigen online module op ons leerplatform",
        "description": "Tegen eind Maart zullen we een eigen online module klaar hebben (op ons "
        "leerplatform)",
        "status": "lopend",
        "due_date": d(2024, 3, 31),
    },
    {
        "for": ["4.1"],
        "title": "Module ‘de-escalerend communiceren’",
        "description": "Er wordt momenteel een module ‘de-escalerend communiceren’ ter "
        "versterking van de derde stap van het handelingskader (respectvol omgaan ; vermijden "
        "escalatie) uitgewerkt.",
        "status": "lopend",
        "updates": [(PRESENTATION, "Er zijn al 10 trainers opgeleid door een mastertrainer.")],
    },
    {
        "for": ["4.1"],
        "title": "Proeftrainingen ‘de-escalerend communiceren’",
        "description": "Proeftrainingen gepland vanaf Mei 2024",
        "status": "gepland",
        "start_date": d(2024, 5, 1),
    },
    {
        "for": ["4.1"],
        "title": "Terugkommomenten met Nederlandse collega's",
        "description": "Er zijn terugkommomenten met Nederlandse collega's\n"
        "- Jaarlijks in Apeldoorn\n"
        "- Intervisie met alle gespreksleiders uit Nederland (Politie en KMar) en België\n"
        "- Laatste ervaring in Nederland: theorie, VR, gesprekken, controle op het terrein\n"
        "- Workshops\n- Ervaringen uitwisselen\n"
        "- Oplossingen voor gemeenschappelijke problemen en moeilijkheden",
        "partners": "Politie Nederland, Koninklijke Marechaussee (KMar)",
        "status": "lopend",
    },
    {
        "for": ["4.1"],
        "title": "VR-opleiding nog twee jaar verderzetten (met nieuwe scenario's)",
        "description": "VR – we hebben budget vrijgemaakt om nog twee jaar verder te gaan (met "
        "nieuwe scenario's)",
        "status": "lopend",
    },
    {
        "for": ["4.1"],
        "title": "Financiële haalbaarheid van één Belgisch VR-scenario onderzoeken",
        "description": "VR – we onderzoeken de financiële haalbaarheid om één Belgisch scenario "
        "te laten maken (zou nationaal moeten uitgewerkt worden maar zal meer dan vermoedelijk "
        "niet gebeuren)",
        "status": "lopend",
    },
    {
        "for": ["5.1"],
        "title": "Toelating burgemeester voor systematische controles als uitzondering, beter "
        "gemotiveerd en afgebakend",
        "description": "Toelating vragen aan de burgemeester voor het mogen houden van een "
        "systematische controle is de uitzondering geworden en werd veel beter gemotiveerd (en "
        "afgebakend in tijd en ruimte) (sinds 1 juli 2023 toegepast voor 6 acties en 8 "
        "ordediensten – tijdens een actie Zuid worden er een 50-tal personen gecontroleerd)",
        "status": "lopend",
        "start_date": d(2023, 7, 1),
    },
    {
        "for": ["5.1"],
        "title": "Meer uitleg aan de gecontroleerde persoon over de context",
        "description": "Meer aandacht voor uitleg aan gecontroleerd persoon (uitleg over de "
        "context waarom er systematische identiteitscontroles plaatsvinden) – wordt nu telkens "
        "meegegeven aan de medewerkers",
        "status": "afgerond",
        "completed_on": PRESENTATION,
        "updates": [
            (
                PRESENTATION,
                "Voorbeeld Blaarmeersen: in juni waren er 3 warme weekends "
                "met toelating systematische controles (en specifieke communicatie werd "
                "voorbereid) (maar werd niet in praktijk toegepast omdat er geen grote "
                "problemen waren)",
            )
        ],
    },
    {
        "for": ["6.1"],
        "title": "Dialog en vertrouwen tussen burgers en politie versterken",
        "description": "Doelstelling: versterken en verduurzamen van de dialoog en het "
        "vertrouwen tussen burger en politie – bij wie en waar het contact soms moeilijk is.\n"
        "6 gunningscriteria: visie – methodologie – plan van aanpak – proces – disseminatie "
        "stads breed – globale prijs.\n"
        "Timing: opstart vanaf gunning tem 31/12/2025. Budget: 153K.\n"
        "Doelgroepen: jongeren en politie, maar ook ouders en jeugdwerkingen.\n"
        "Waar: buurtgerichte aanpak met opstart in aantal pilootwijken.\n"
        "Wat: experimenten en activiteiten volgens de noden per wijk – breed keuzemenu aan "
        "activiteiten rolt men uit obv de behoeften per wijk (bv. kinderworkshops, burendagen, "
        "cultuur- en perspectiefuitwisselingen, samen sporten,....); diversiteit aan "
        "experimenten en methodieken spreken diversiteit aan deelnemers aan.\n"
        "Laatste fase: disseminatie stadsbreed.",
        "contact": "Stad Gent",
        "partners": "Kubat's Gym in samenwerking met HOGENT",
        "budget": 153000,
        "due_date": d(2025, 12, 31),
        "status": "gepland",
        "recorded": d(2023, 12, 31),
        "updates": [
            (d(2023, 12, 31), "Lancering projectvoorstel via overheidsopdracht eind 2023.")
        ],
        "later": [
            (
                PRESENTATION,
                {"status": "lopend"},
                "Gunning aan Kubat's Gym in samenwerking met HOGENT: scoort het hoogst op de "
                "gunningscriteria. Sterke punten uit dossier: samenwerking tussen "
                "sociaal-sportieve praktijk en academische partner (Kubat's Gym als "
                "verbinder en organisator van activiteiten; HOGENT werkt "
                "professionaliseringstrajecten uit met stakeholders uit de wijk en "
                "disseminatie naar lokale en bovenlokale partners); ervaring van Kubat's "
                "gym als brugfiguur tussen politie en burger; vertrekken van de noden en "
                "krachten in de wijk om van daaruit te dissemineren stads breed.",
            )
        ],
    },
]

ACTION_FIELDS = (
    "description",
    "status",
    "start_date",
    "due_date",
    "completed_on",
    "budget",
    "partners",
    "contact",
)
