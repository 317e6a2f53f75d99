"""Common given names and surnames: the US Census 1990 name lists the ``names`` package ships, and hand
lists of given names the census lacks (transliterated Eastern European and Central Asian ones; other
European, Middle Eastern and Asian ones).

The lists are public-domain data (US Census Bureau); the package carries them as plain text files with one
name, its frequency, cumulative frequency and rank per line. English-language news names people from
everywhere, so the lists are a positive signal only ("Mariano" is a given name), never a test that a word
is not a name.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import names
from spacy.lang.en.stop_words import STOP_WORDS


@cache
def given_names() -> frozenset[str]:
    """Lower-case given names (the census male and female lists, about 5,500, and the hand lists below of
    transliterated Eastern European and Central Asian names and of other names news often writes), without
    English stop words ("In", "Will", "May" are in the lists but far more often not names)."""
    census = _ranks(names.FILES["first:male"]).keys() | _ranks(names.FILES["first:female"]).keys()
    return frozenset(census | _TRANSLITERATED_GIVEN_NAMES | _WORLD_GIVEN_NAMES) - STOP_WORDS


#: Given names of Eastern Europe, the Balkans, the Caucasus and Central Asia in the spellings English-language news
#: uses, which the US census lists lack ("Transport | Sergei Ivanov", "Serhiy", "Oleksandr"): a hand list.
_TRANSLITERATED_GIVEN_NAMES = frozenset(
    str.split(
        """
    sergei sergey serhiy serhii oleksandr olexander aleksandr alexandr volodymyr dmytro dmitry dmitri
    mykhailo mikhail andriy andrii andrei andrey oleksiy oleksii alexei alexey aleksei yuriy yurii viktor
    vitaliy vitalii vitaly valeriy valerii valery yevgeny yevgeniy evgeny yevhen yulia yuliya iryna olena
    tetiana tetyana nataliya lyudmila liudmyla oksana olha ganna mariya kateryna ekaterina yekaterina ihor
    igor oleg oleh pavlo pavel petro pyotr mykola nikolai nikolay vasyl vasily vasiliy bohdan denys ruslan
    taras stepan anatoliy anatoly hennadiy gennady kirill kyrylo maksym arseniy arseny yaroslav vyacheslav
    viacheslav stanislav rostyslav vsevolod vadym vadim leonid borys hryhoriy grigory konstantin kostyantyn
    fedir fyodor yakiv yakov zakhar danylo daniil artem artyom heorhiy georgy gleb timur rustam ramzan
    marat ilya illia mikheil giorgi irakli zurab nursultan ilham shavkat emomali sadyr gurbanguly serdar
    aliaksandr sviatlana viktar siarhei valentina galina lyudmyla zoya veronika yana alina daria darya
    ksenia kseniya polina anastasiya yevgenia evgenia marina inna larisa lilia vladimir yury maxim vladislav
    vladyslav fedor petr lev yelizaveta arkady artur eduard filipp davyd halyna vira liubov hryhorii dariya
    yehor svitlana marija biljana dragan milos zoran goran dejan nenad aleksandar aleksandra jelena ivana
    vesna vojislav slobodan andrej tomislav kolinda gitanas ingrida egils arturs krisjanis kaja evika edgars
    """
    )
)


#: Given names of Western and Central Europe, the Middle East, Turkey and South and East Asia that news names
#: often and the US census lists lack ("Mayor of Koszalin | Piotr Jedlinski", "Klaus Schwab", "Recep Tayyip
#: Erdoğan"), with the Arabic and Persian honorific first names ("Seyed Mohammad Mir-Mohammadi"): a hand
#: list, like the one above.
_WORLD_GIVEN_NAMES = frozenset(
    str.split(
        """
    seyed sayyid sayed syed henri christophe masud masoud nariman viktoria viktoriya viktorija piotr pawel paweł
    krzysztof tomasz andrzej wojciech jerzy marek grzegorz jaroslaw jarosław mateusz zbigniew kazimierz tadeusz
    janusz witold agnieszka malgorzata małgorzata katarzyna elzbieta elżbieta jacek radoslaw radosław bronislaw
    bronisław michał przemyslaw przemysław mariusz dariusz slawomir sławomir miroslav miroslaw mirosław zdenek
    zdeněk jiri jiří pavol tomáš vaclav václav miloš ladislav lubomir ľubomír zuzana katerina kateřina klaus
    jurgen jürgen wolfgang dieter horst helmut gerhard heinz uwe olaf friedrich sigmar annalena heiko jens
    gunter günter manfred reinhard rainer hubertus joachim christoph detlef lothar winfried kai-uwe frank-walter
    karl-heinz hans-peter hans-georg ulrich hendrik matthias florian francois françois philippe thierry didier
    herve hervé benoit benoît olivier laurent etienne étienne jérôme edouard édouard segolene ségolène rachida
    gérald jean- yves jean-luc jean-marc jean-claude jean-pierre jean- michel jean-paul jean-louis jean-baptiste
    jean-jacques jean-noël jean-noel marie-france anne-marie gilles yannick yves clément sébastien arnaud cédric
    gérard giorgia matteo silvio paolo enrico massimo gianni luca alessandro stefano fabio giancarlo gianluca
    pierluigi chiara federica josé ramón andrés iván nicolás sebastián joão joao íñigo inigo jair dilma evo
    nayib muhammad hussein husain abdullah abdallah abdel abdulla abdulaziz abdelaziz abdelfattah abdulrahman
    abdurrahman mevlut mevlüt ibrahim mustafa mahmoud mahmud khalid khaled umar osama usama yusuf youssef yousef
    hamid hamad saeed tamim zayed bashar hafez hosni anwar nabil walid kamal tariq hamdan faisal fahd salman
    nayef nawaf mishal bandar hasan hossein hussain ismail mehdi mahdi reza ebrahim javad qasem qassem abbas
    recep tayyip ekrem ahmet mehmet murat hakan kemal binali devlet hulusi süleyman suleyman fatih emre burak
    ertugrul ertuğrul sauli ulf lars sven mette kersti andrus toomas krišjānis valdis arturas artūras sanna
    narendra rahul amit arvind nirmala shinzo fumio yoshihide yoshimasa hirokazu
    """
    )
)


def surname_rank(word: str) -> int | None:
    """The frequency rank of a surname (1 = most common: "Smith") among about 88,800, None when it is not in
    the list. Common surnames that are also English words rank high ("Brown" 5, "Law" 1,088); English words
    that are rare surnames rank low ("Valley" 7,445, "Harbor" 18,193)."""
    return _surname_ranks().get(word.lower())


@cache
def _surname_ranks() -> dict[str, int]:
    return _ranks(names.FILES["last"])


def _ranks(path: str) -> dict[str, int]:
    """Lower-case name -> rank, from a census list file (name, frequency, cumulative frequency, rank)."""
    ranks: dict[str, int] = {}
    for line in Path(path).read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4:
            ranks[fields[0].lower()] = int(fields[3])
    return ranks
