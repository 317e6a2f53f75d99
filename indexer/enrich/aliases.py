"""Alias tables: one canonical name for people and organisations that news spells in several ways.

Persons: transliteration variants (Zelensky / Zelenskyy / Zelenskiy) and, for surnames that in news
name one person only, the full name of a lone surname ("Putin" -> "Vladimir Putin"). Other variants
are matched with :func:`translit_key` and ``rapidfuzz`` in :mod:`indexer.enrich.persons`.
Organisations: short and long forms, with the country of state bodies.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

#: Canonical name: other spellings. A "*" after the canonical name: its surname alone names this person.
_PERSONS = """
Volodymyr Zelenskyy*: Volodymyr Zelensky | Volodymyr Zelenskiy | Vladimir Zelensky | Volodymyr Zelenskyi
Vladimir Putin*: Vladimir Vladimirovich Putin | V. Putin
Dmitry Peskov*: Dmitri Peskov | Dmitriy Peskov
Sergey Lavrov*: Sergei Lavrov
Sergei Shoigu*: Sergey Shoigu | Sergei Shoygu
Dmitry Medvedev*: Dmitri Medvedev
Mikhail Mishustin*: Mikhail Mishoustin
Maria Zakharova*: Mariya Zakharova
Valery Gerasimov*: Valeriy Gerasimov
Alexei Navalny*: Alexey Navalny | Aleksei Navalny | Alexei Navalnyi
Yevgeny Prigozhin*: Yevgeniy Prigozhin | Evgeny Prigozhin
Ramzan Kadyrov*: Ramzan Akhmatovich Kadyrov
Alexander Lukashenko*: Aleksandr Lukashenko | Alexander Lukashenka | Aliaksandr Lukashenka
Sviatlana Tsikhanouskaya*: Svetlana Tikhanovskaya
Dmytro Kuleba*: Dmitry Kuleba
Andriy Yermak*: Andrii Yermak | Andriy Iermak
Denys Shmyhal*: Denis Shmygal
Oleksii Reznikov*: Oleksiy Reznikov | Alexei Reznikov
Valerii Zaluzhnyi*: Valeriy Zaluzhnyi | Valery Zaluzhny
Mykhailo Podolyak*: Mykhailo Podoliak
Oleksiy Danilov: Oleksii Danilov
Vitali Klitschko*: Vitaliy Klitschko | Vitalii Klychko
Petro Poroshenko*: Petro Poroshenko
Joe Biden*: Joseph Biden | Joseph R. Biden | Joseph R. Biden Jr. | Joe R. Biden
Donald Trump*: Donald J. Trump | Donald John Trump
Barack Obama*: Barack H. Obama | Barack Hussein Obama
Kamala Harris: Kamala D. Harris
Antony Blinken*: Anthony Blinken
Lloyd Austin: Lloyd J. Austin
Jens Stoltenberg*: Jens Stoltenberg
António Guterres*: Antonio Guterres
Ursula von der Leyen: Ursula Von der Leyen
Emmanuel Macron*: Emmanuel Macron
Olaf Scholz*: Olaf Scholz
Angela Merkel*: Angela Merkel
Boris Johnson: Boris Johnson
Recep Tayyip Erdoğan*: Recep Tayyip Erdogan | Tayyip Erdogan | Tayyip Erdoğan | Recep Erdogan
Xi Jinping*: Xi Jinping
Kim Jong Un: Kim Jong-un | Kim Jong-Un
Narendra Modi*: Narendra Damodardas Modi
Jair Bolsonaro*: Jair Messias Bolsonaro
Benjamin Netanyahu*: Benjamin Netanyahu
Mahmoud Abbas: Mahmoud Abbas
Bashar al-Assad: Bashar Assad | Bashar al Assad
Qasem Soleimani*: Qassem Soleimani | Ghasem Soleimani | Qassim Suleimani
Ali Khamenei*: Ayatollah Ali Khamenei | Ali Khamenei
Hassan Rouhani*: Hasan Rouhani
Nicolás Maduro*: Nicolas Maduro
Juan Guaidó*: Juan Guaido
Kassym-Jomart Tokayev*: Kassym-Jomart Tokaev
Ilham Aliyev*: Ilham Aliev
Nikol Pashinyan*: Nikol Pashinian
Alexander Vucic: Aleksandar Vučić | Aleksandar Vucic
Ronald Reagan*: Ronald W. Reagan
Mikhail Gorbachev*: Mikhail S. Gorbachev | Mikhail Gorbachov
Margaret Thatcher*: Maggie Thatcher
Boris Yeltsin*: Boris N. Yeltsin | Boris Jeltsin
François Mitterrand*: Francois Mitterrand
Yasser Arafat*: Yasir Arafat
Nelson Mandela*: Nelson Rolihlahla Mandela
Muammar Gaddafi*: Muammar Qaddafi | Moammar Gadhafi | Muammar al-Gaddafi | Muammar Kadhafi
Helmut Kohl*: Helmut Kohl
"""

#: Canonical organisation name (country or "-"): other names. Matching is on folded text.
_ORGANIZATIONS = """
United Nations (-): UN | U.N. | the United Nations
European Union (-): EU | E.U.
NATO (-): North Atlantic Treaty Organization | North Atlantic Treaty Organisation | OTAN
World Health Organization (-): WHO | World Health Organisation
International Monetary Fund (-): IMF
International Atomic Energy Agency (-): IAEA
OSCE (-): Organization for Security and Co-operation in Europe | Organisation for Security and Co-operation in Europe
European Commission (-): EC
Associated Press (-): AP | The Associated Press
AFP (-): Agence France-Presse | Agence France Presse
Reuters (-): Thomson Reuters
BBC (-): British Broadcasting Corporation | BBC News
CNN (-): Cable News Network
Kremlin (RU): Kremlin | the Kremlin
White House (US): the White House
Pentagon (US): the Pentagon
State Department (US): US State Department | U.S. State Department | Department of State | the State Department
Downing Street (GB): Number 10 | No 10 | No. 10
Élysée Palace (FR): Elysee | Élysée | Elysee Palace
State Duma (RU): Duma | Russian State Duma
Federation Council (RU): Russian Federation Council
Verkhovna Rada (UA): Rada | Verkhovna Rada of Ukraine | Ukrainian parliament | Ukraine's parliament
Bundestag (DE): German Bundestag
FSB (RU): Federal Security Service
SBU (UA): Security Service of Ukraine | Ukrainian Security Service
CIA (US): Central Intelligence Agency
FBI (US): Federal Bureau of Investigation
Investigative Committee of Russia (RU): Investigative Committee | Russian Investigative Committee
United States Senate (US): US Senate | U.S. Senate
United States House of Representatives (US): US House of Representatives | U.S. House of Representatives
United States House of Representatives (US): House of Representatives | US House | U.S. House
Congress (US): US Congress | U.S. Congress | United States Congress
Armed Forces of Ukraine (UA): Ukrainian Armed Forces | Ukraine's Armed Forces | AFU | ZSU
Office of the President of Ukraine (UA): Presidential Office of Ukraine | Ukrainian Presidential Office
Cabinet of Ministers of Ukraine (UA): Ukrainian Cabinet of Ministers
Bank of Russia (RU): Russian Central Bank | Central Bank of Russia | Central Bank of the Russian Federation
National Bank of Ukraine (UA): NBU
Federal Reserve (US): the Fed | US Federal Reserve | Federal Reserve Board
Bank of England (GB): BoE
Deutsche Bundesbank (DE): Bundesbank
Bank of Japan (JP): BoJ
European Central Bank (-): ECB
Securities and Exchange Commission (US): SEC | U.S. Securities and Exchange Commission
United States Department of Agriculture (US): USDA | U.S. Department of Agriculture | U.S. Agriculture Department
RIA Novosti (-): RIA
TASS (-): Tass | ITAR-TASS
Interfax (-): Interfax-Ukraine
Politico (-): POLITICO
Rosatom (RU): State Atomic Energy Corporation Rosatom | Rosatom State Corporation
Rosatom (RU): Rosatom State Atomic Energy Corporation
Roscosmos (RU): Roscosmos State Corporation | State Space Corporation Roscosmos
Rostec (RU): Rostec State Corporation
Gazprom (RU): PJSC Gazprom | Gazprom PJSC
Gazprombank (RU): Gazprombank JSC
Sberbank (RU): Sber | Sberbank of Russia
VTB Bank (RU): VTB
Vnesheconombank (RU): VEB | VEB.RF
Promsvyazbank (RU): PSB
Rosneft (RU): Rosneft Oil Company
Novatek (RU): NOVATEK
Skoltech (RU): Skolkovo Institute of Science and Technology
Naftogaz of Ukraine (UA): Naftogaz
Ukrenergo (UA): NPC Ukrenergo
Energoatom (UA): NNEGC Energoatom
Ukrposhta (UA): Ukrainian Post
Yuzhmash (UA): Pivdenmash | Yuzhny Machine-Building Plant
Diia (UA): Diia app | Diia portal
SpaceX (US): Space Exploration Technologies
Morgan Stanley (US): Morgan Stanley & Co
Merrill Lynch (US): Merrill Lynch & Co
Goldman Sachs (US): Goldman Sachs Group | Goldman, Sachs & Co
JPMorgan Chase (US): JP Morgan | J.P. Morgan | JPMorgan | J.P. Morgan Chase
Lehman Brothers (US): Lehman Brothers Holdings
Charles Schwab (US): Charles Schwab Corp
Wells Fargo (US): Wells Fargo & Co
Eli Lilly (US): Eli Lilly and Co | Eli Lilly & Co | Lilly
Philip Morris (US): Philip Morris International | Philip Morris Cos
Johnson & Johnson (US): J&J
Procter & Gamble (US): P&G
Walt Disney (US): Walt Disney Co | Walt Disney Company
Dow Jones (US): Dow Jones & Co
Ernst & Young (GB): EY
Marks & Spencer (GB): Marks and Spencer
Louis Vuitton (FR): Louis Vuitton Moet Hennessy
Christian Dior (FR): Dior
Hugo Boss (DE): Hugo Boss AG
Calvin Klein (US): Calvin Klein Inc
Ralph Lauren (US): Ralph Lauren Corp
"""


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """Lower case without accents, with straight apostrophes and single spaces (for table look-ups)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    if text.startswith("the "):
        text = text[4:]
    return " ".join(text.replace(".", ". ").split()).replace(". ", ".").strip()


@lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """A key under which transliteration variants of a name coincide (Zelenskyy, Zelenskiy -> zelensky)."""
    key = fold_name(name).replace("-", " ")
    key = re.sub(r"(?:yy|iy|yi|ii|ij|ei|ey)\b", "y", key)
    key = key.replace("kh", "h").replace("ck", "k").replace("dzh", "j").replace("zh", "j")
    key = re.sub(r"([a-z])\1", r"\1", key)
    return key


@cache
def person_aliases() -> dict[str, str]:
    """Folded full name or variant -> canonical full name."""
    table: dict[str, str] = {}
    for canonical, variants in _person_rows():
        for name in (canonical, *variants):
            table[fold_name(name)] = canonical
            table[translit_key(name)] = canonical
    return table


def person_surface_names() -> list[str]:
    """Every canonical name and variant of the person table, as written."""
    return [name for canonical, variants in _person_rows() for name in (canonical, *variants)]


@cache
def unique_surnames() -> dict[str, str]:
    """Translit key of a surname that alone names one person in news -> that person's canonical name."""
    table: dict[str, str] = {}
    for canonical, variants in _person_rows(starred_only=True):
        for name in (canonical, *variants):
            table[translit_key(name.split()[-1])] = canonical
    return table


def _person_rows(starred_only: bool = False) -> list[tuple[str, list[str]]]:
    rows = []
    for line in _PERSONS.strip().splitlines():
        head, _, tail = line.partition(":")
        starred = head.endswith("*")
        if starred_only and not starred:
            continue
        rows.append((head.rstrip("*").strip(), [v.strip() for v in tail.split("|") if v.strip()]))
    return rows


@cache
def organization_aliases() -> dict[str, tuple[str, str | None]]:
    """Folded organisation name or variant -> (canonical name, alpha-2 country or None)."""
    table: dict[str, tuple[str, str | None]] = {}
    for line in _ORGANIZATIONS.strip().splitlines():
        head, _, tail = line.partition(":")
        match = re.fullmatch(r"(.+?) \((\w\w|-)\)", head.strip())
        if match is None:
            raise ValueError(f"bad organisation alias line: {line!r}")
        canonical, country = match.group(1), None if match.group(2) == "-" else match.group(2)
        for name in (canonical, *tail.split("|")):
            if name.strip():
                table[fold_name(name.strip())] = (canonical, country)
    return table
