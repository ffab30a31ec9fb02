"""A corpus for measuring the PII guard (issue 14, V10): realistic identifiers as they are
written in hurried night notes, and harmless outreach notes full of doses, times, prices,
quantities and dates. Made up by hand for the test: no real person's data.

IDENTIFIERS: (note, the identifying part); the guard must flag a span overlapping the part.
HARMLESS: notes in which nothing identifies anyone; every warning there is a false positive.
"""

from __future__ import annotations

IDENTIFIERS: list[tuple[str, str]] = [
    # CPR numbers, every way they are written
    ("cpr 010190-1234 til kommunen", "010190-1234"),
    ("Hendes cpr er 0101901234", "0101901234"),
    ("CPR: 010190/1234 står på kortet", "010190/1234"),
    ("cpr 0101 901234, sygesikring", "0101 901234"),
    ("født 01.01.90-1234 ifølge hende", "01.01.90-1234"),
    ("cpr-nr 010190-12 34 (skrev det selv)", "010190-12 34"),
    ("ID 311299 4321", "311299 4321"),
    ("cpr 15 05 85 2468", "15 05 85 2468"),
    ("personnummer 150585–2468", "150585–2468"),
    ("cpr ０１０１９０－１２３４ fra hendes telefon", "０１０１９０－１２３４"),
    ("CPR 2902001234 skudår", "2902001234"),
    ("cpr.nr. 230795-4011, mangler sygesikring", "230795-4011"),
    ("hendes cpr 12.03.88-2231", "12.03.88-2231"),
    ("cpr 120388 2231 hun vil have hjælp", "120388 2231"),
    ("cpr 0706 921122", "0706 921122"),
    # Danish phone numbers
    ("tlf 22-334455", "22-334455"),
    ("tlf. 223 344 55", "223 344 55"),
    ("ring 22 334 455 i morgen", "22 334 455"),
    ("+45 (22) 33 44 55 privat", "+45 (22) 33 44 55"),
    ("nummer 22 33 44 55", "22 33 44 55"),
    ("call 22334455", "22334455"),
    ("ny tlf 4123 5678", "4123 5678"),
    ("sms 0045 81234567", "0045 81234567"),
    ("(+45) 6123 4567", "(+45) 6123 4567"),
    ("her number +4591234567.", "+4591234567"),
    ("tlf 28.41.19.07", "28.41.19.07"),
    ("mobil: 31-45-67-89", "31-45-67-89"),
    ("ring på 5012 3344 efter 14", "5012 3344"),
    ("tlf ２２３３４４５５", "２２３３４４５５"),
    ("mob. 2033-4455", "2033-4455"),
    ("kontakt 60 12 34 56", "60 12 34 56"),
    ("hendes nye nr er 71 23 45 67", "71 23 45 67"),
    ("tlf. 4212-3456 (kæresten)", "4212-3456"),
    # other countries' numbers
    ("Romanian phone +40 721 234 567", "+40 721 234 567"),
    ("tel 0040 721 234 567", "0040 721 234 567"),
    ("Nigeria +234 803 123 4567", "+234 803 123 4567"),
    ("Thai number +66 81 234 5678", "+66 81 234 5678"),
    ("UK mobile +44 7700 900123", "+44 7700 900123"),
    ("Bulgarian +359 88 123 4567", "+359 88 123 4567"),
    ("hun har +48 512 345 678", "+48 512 345 678"),
    ("whatsapp +40-721-234-567", "+40-721-234-567"),
    # e-mail, plain and hidden
    ("mail maja@gmail.com", "maja@gmail.com"),
    ("skriv til maja @ gmail . com", "maja @ gmail . com"),
    ("mail maja＠gmail.com", "maja＠gmail.com"),
    ("maja (at) gmail (dot) com", "maja (at) gmail (dot) com"),
    ("maja at gmail dot com", "maja at gmail dot com"),
    ("maja snabel-a hotmail punktum dk", "maja snabel-a hotmail punktum dk"),
    ("e-mail: anna.k88@yahoo.dk", "anna.k88@yahoo.dk"),
    ("maja[at]gmail[dot]com", "maja[at]gmail[dot]com"),
    ("ｍａｊａ＠ｇｍａｉｌ．ｃｏｍ", "ｍａｊａ＠ｇｍａｉｌ．ｃｏｍ"),
    ("mail maja.s @gmail.com", "maja.s @gmail.com"),
    ("kontakt lina_99@outlook.com", "lina_99@outlook.com"),
    ("maja@ gmail.com", "maja@ gmail.com"),
    # street addresses
    ("bor Abel Cathrines Gade 5, 2. tv", "Abel Cathrines Gade 5, 2. tv"),
    ("adresse Istedgade 12, 3. th", "Istedgade 12, 3. th"),
    ("Gammel Kongevej 88 st. tv.", "Gammel Kongevej 88 st. tv."),
    ("Sønder Boulevard 41", "Sønder Boulevard 41"),
    ("hun bor på Vesterbrogade 101B", "Vesterbrogade 101B"),
    ("Enghave Plads 3, 1. sal", "Enghave Plads 3, 1. sal"),
    ("adr. Halmtorvet 9, 1711 København V", "Halmtorvet 9, 1711 København V"),
    ("12 Baker Street", "12 Baker Street"),
    ("bor i Dybbøls Gade 14", "Dybbøls Gade 14"),
    ("Saxo Gade 22, 4. mf", "Saxo Gade 22, 4. mf"),
    ("hos kæresten, Mysunde Gade 7", "Mysunde Gade 7"),
    ("Valdemars Gade 33 kld", "Valdemars Gade 33 kld"),
    ("bor nu på Jernbane Gade 3", "Jernbane Gade 3"),
    ("Skyde Vej 19, 2. th", "Skyde Vej 19, 2. th"),
    ("Kongens Nytorv 8", "Kongens Nytorv 8"),
    # social media handles
    ("snap: maja.cph", "maja.cph"),
    ("insta @maja_cph99", "@maja_cph99"),
    ("ig: anna.k.dk", "anna.k.dk"),
    ("find hende på telegram @lina_dk", "@lina_dk"),
    ("onlyfans: sweetmaja", "sweetmaja"),
    ("tiktok @majacph", "@majacph"),
    ("snapchat maja1999", "maja1999"),
    ("instagram: anna_k_official", "anna_k_official"),
    ("fb: maja.hansen.77", "maja.hansen.77"),
    ("skriv @sweet_lina på insta", "@sweet_lina"),
    # licence plates
    ("kunden kørte i AB 12 345", "AB 12 345"),
    ("bil med nummerplade CD12345", "CD12345"),
    ("grå bil, reg.nr. XY 98 765", "XY 98 765"),
    ("plate number EF 34 567", "EF 34 567"),
    ("nummerpladen var ZK 45 612", "ZK 45 612"),
    # passports and other national numbers
    ("pasnummer 205123456", "205123456"),
    ("pas nr. 203456789", "203456789"),
    ("passport no 058234567", "058234567"),
    ("Romanian passport 051234567", "051234567"),
    ("pas: 2051 23456", "2051 23456"),
    ("CNP 1900101123456", "1900101123456"),
    ("Polish PESEL 90010112345", "90010112345"),
    # bank details and links
    ("IBAN DK50 0040 0440 1162 43", "DK50 0040 0440 1162 43"),
    ("reg. 1234 kontonr 1234567890", "reg. 1234 kontonr 1234567890"),
    ("kontonummer 0001234567", "0001234567"),
    ("profil på sexlist.dk/maja", "sexlist.dk/maja"),
    ("https://onlyfans.com/sweetmaja", "https://onlyfans.com/sweetmaja"),
    ("www.escort.dk/anna-k", "www.escort.dk/anna-k"),
    ("hendes profil www.dating.dk/lina88", "www.dating.dk/lina88"),
    ("link: t.me/lina_dk", "t.me/lina_dk"),
    ("cpr 280295 3344 og tlf 51 23 45 67", "280295 3344"),
    ("tlf 51 23 45 67 og cpr 280295 3344", "51 23 45 67"),
]

_TIMES = ["kl. 23.30", "at 01:15", "kl 2", "around 22", "kl. 00.45", "03:10", "ved 4-tiden"]
_DOSES = [
    "metadon 80 mg",
    "2 x 10 mg stesolid",
    "subutex 8 mg",
    "0,5 g",
    "3 piller",
    "1 dosis naloxon",
    "100 ml",
]
_PRICES = ["500 kr", "1.500 kr.", "200 kr for 20 min", "DKK 300", "€40", "1000 kr/time", "50 kr"]
_QUANTITIES = [
    "15 kondomer",
    "2 glidecreme",
    "3 kopper kaffe",
    "20 condoms",
    "4 sandwich",
    "10 stk",
    "6 x 2 kondomer",
]
_DATES = ["20.11.2026", "uge 48", "2026-W48", "d. 3/12", "i går", "1. december", "2026-11-27"]
_PLACES = [
    "på Istedgade",
    "ved Hovedbanen",
    "i Skelbækgade",
    "Halmtorvet",
    "ved 7-Eleven",
    "på Vesterbro",
    "bus 10",
]

_HAND = [
    "Kom forbi vanen kl. 23.30, fik 15 kondomer og kaffe.",
    "Talked for 20 min, she is 25-34, new in the area since uge 46.",
    "Istedgade 3 kvinder, 2 nye.",
    "Fik 2 x 10 mg stesolid af lægen i går, har det bedre.",
    "Pris nu 500 kr for 30 min, tidligere 700.",
    "Metadon 80 mg dagligt fra Hovedbanen klinikken.",
    "Henvist til Reden, tid 1. december kl. 10.",
    "She asked about test, booked for 27.11.2026 at 14:00.",
    "Bus 10 til Rigshospitalet, 2 stop.",
    "Hun sov i 3 nætter på Halmtorvet, -2 grader.",
    "20-25 kunder om ugen, mest mellem 22 og 02.",
    "Temperatur 38,5 i går, nu 37,2.",
    "1.500 kr. i gæld til udlejer.",
    "Kaffe x 3, sandwich x 2, 10 kondomer.",
    "Visited 2020-2023 on and off.",
    "Back after 6 months, room 4 at the shelter.",
    "kl. 01.15 kom hun tilbage med en veninde.",
    "Ønsker hjælp til at søge kontanthjælp, møde uge 49.",
    "Spurgte efter naloxon, fik 1 kit.",
    "Kørt til skadestuen 03:10, ventede 2 timer.",
    "Arbejder 5 dage, 8 timer, ca. 10 kunder.",
    "Taler rumænsk og lidt engelsk, 2 børn hjemme.",
    "Skal til tandlæge 12/12 kl. 9.",
    "Lån af 200 kr til mad, betaler tilbage fredag.",
    "Glidecreme 2 stk, kondomer 20 stk, handsker 1 par.",
    "Fik vaccine (hep B) dosis 2 af 3.",
    "Hun er 19 år, kom til DK for 4 mdr siden.",
    "Politi stoppede hende 2 gange i uge 47.",
    "Sover 4-5 timer, vil gerne snakke med psykolog.",
    "Ringede til Reden kl 14, tid torsdag.",
    "Had 3 drinks, seemed fine, walked home at 2.",
    "Asked for 50 condoms for the apartment, gave 30.",
    "Rent 4500 kr per month for a room.",
    "Room 12 at the hostel, 250 kr per night.",
    "From Nigeria, 28, in Copenhagen 6 weeks.",
    "Age 30-39 group, first contact.",
    "Dosis øget fra 60 til 80 mg.",
    "Syringes 10 x 1 ml, 2 x 2 ml.",
    "Gave 3 x 100 kr to the shelter fund.",
    "Uge 48: 12 kontakter, 4 nye.",
    "Mødes igen om 14 dage, samme sted kl 23.",
    "Fik 1 pakke med 12 kondomer og 2 glidecreme.",
    "Vil have HIV-test, næste tid 2026-12-03.",
    "Stop ved 7-Eleven, Istedgade, kl. 00.45.",
    "Her friend is 22, same building, 2nd floor.",
    "Blev slået 2 gange, ingen anmeldelse.",
    "Hun fik 400 kr mindre end aftalt.",
    "Bus 1A til Rådhuspladsen kl 22.10.",
    "Ventetid 45 min på Sundhedsrummet.",
    "Kom ind 3 gange denne uge, sidst 26/11.",
    "Betaler 300 kr om dagen for lejlighed.",
    "Arbejdet i 3 år i DK, 2 år i Tyskland.",
    "Kørte 12 km med kunden, sat af ved Bispebjerg.",
    "Har 2 telefoner, ingen nummer givet.",
    "Asked us to call back in 2 weeks, no number left.",
    "Vil gerne have 2 x 250 ml vand.",
    "Hun kender 5 andre fra samme by.",
    "Antibiotika 3 x dagligt i 7 dage.",
    "Pris 1000 kr/time, 500 kr/halv time.",
    "Fik 20 stk kondomer + 5 glidecreme.",
    "Booked at clinic for 1/12 at 10:30.",
]


def _harmless() -> list[str]:
    notes = list(_HAND)
    for i in range(160):
        t = _TIMES[i % len(_TIMES)]
        d = _DOSES[(i // 2) % len(_DOSES)]
        p = _PRICES[(i // 3) % len(_PRICES)]
        q = _QUANTITIES[(i // 5) % len(_QUANTITIES)]
        day = _DATES[(i // 7) % len(_DATES)]
        place = _PLACES[(i // 11) % len(_PLACES)]
        shape = i % 4
        if shape == 0:
            notes.append(f"{day} {t} {place}: {q}, talte om {d}.")
        elif shape == 1:
            notes.append(f"Met {place} {t}, {q}; price now {p}.")
        elif shape == 2:
            notes.append(f"{t}: {d}, {q}, næste gang {day}.")
        else:
            notes.append(f"{place} {day}, {p}, {q} og kaffe {t}.")
    return notes


HARMLESS: list[str] = _harmless()
