"""Render seed articles into realistic news pages: a labelled set for measuring web extraction.

    python scripts/make_web_pages.py [--seeds seeds] [--out var/bench/web-pages] [--count 40] [--seed 20]

Each chosen article of ``seeds/*.jsonl`` (the Wikinews, Kremlin and president.gov.ua collections; bodies of
800 to 8,000 characters with a publication date) becomes one page in one of four templates, each wrapping it
in the furniture real sites have: navigation, breadcrumbs, a cookie banner, share prompts, a newsletter box or
a donation appeal, related and most-read links (some inside the article container), comments, a footer.
Templates differ in where the date is (Open Graph, JSON-LD, ``<time>``, visible text, the URL path) and in
their markup (semantic HTML5, ``<div>`` soup, a WordPress-like blog, a bare wire page).

A few articles are rendered a second time as deliberate duplicates: the same URL with ``utm_*`` parameters,
or another URL (an AMP or mobile page) whose ``<link rel=canonical>`` names the original.

Output: ``pages/<id>.html`` and ``labels.json`` (``{"seed", "pages": [{id, file, url, template, title,
text, published, date_in, duplicate_of, source}]}``): ``text`` is the article text the page shows
(standfirst and paragraphs, blank-line separated; a leading Wikinews dateline is shown as the page's date
line, not as text), ``published`` its day. The same seed and seeds give byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = ("wikinews.jsonl", "kremlin_en.jsonl", "president_gov_ua_en.jsonl")
MIN_CHARS, MAX_CHARS = 800, 8000
_DATELINE = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}$")
_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_COMMENTERS = ("Marta K.", "jdoe1984", "Oleksii", "Concerned Reader", "P. Haraldsen", "newsjunkie", "Ana Souza")
_COMMENTS = (
    "This is exactly what I have been saying for months. Nobody listens until it is too late.",
    "Does anyone have a link to the full statement? The quotes here seem selective.",
    "Thanks for the thorough reporting, much better than the coverage elsewhere.",
    "I disagree with the framing of the headline, the article itself is more balanced.",
    "My family lives near there and the situation is worse than described.",
    "Reported for spam.",
)
_HEADLINES = (
    "Markets steady as central bank holds rates", "Storm warning issued for the coast this weekend",
    "City council approves new cycling lanes", "Ten things to know before the summit",
    "Opinion: The quiet crisis in rural hospitals", "Watch: Firefighters rescue cat from crane",
    "Exam results show gap between regions", "Local team wins cup after penalty shoot-out",
)


@dataclass(frozen=True)
class Article:
    """A seed article to render: title, standfirst (may be empty), paragraphs, day (YYYY-MM-DD), origin."""

    title: str
    standfirst: str
    paragraphs: tuple[str, ...]
    day: str
    dateline: str | None
    source: str


@dataclass
class PageLabel:
    """What a rendered page is known to hold: the label ``eval_web_pages.py`` scores against."""

    id: str
    file: str
    url: str
    template: str
    title: str
    text: str
    published: str
    date_in: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    source: str = ""


def paragraphs_of(text: str) -> tuple[list[str], str | None]:
    """The article's paragraphs (blank-line blocks; a block over 700 characters split every three
    sentences) and a leading Wikinews dateline, taken out of the text."""
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text)]
    blocks = [b for b in blocks if b]
    dateline = blocks.pop(0) if blocks and _DATELINE.match(blocks[0]) else None
    result: list[str] = []
    for block in blocks:
        sentences = _SENTENCE_END.split(block) if len(block) > 700 else [block]
        result.extend(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))
    return result, dateline


def load_articles(seeds: Path) -> list[Article]:
    """Every seed article of the usable length with a date, in file and line order."""
    articles = []
    for name in SEED_FILES:
        path = seeds / name
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            record = json.loads(line)
            text, day = record.get("text", ""), str(record.get("published") or "")[:10]
            if not MIN_CHARS <= len(text) <= MAX_CHARS or not re.fullmatch(r"\d{4}-\d\d-\d\d", day):
                continue
            paragraphs, dateline = paragraphs_of(text)
            standfirst = " ".join(str(record.get("summary") or "").split())
            articles.append(Article(" ".join(record["title"].split()), standfirst, tuple(paragraphs), day,
                                    dateline, f"{name}:{number}"))
    return articles


def slug(title: str) -> str:
    """A URL slug of the title's first eight words."""
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8]) or "article"


def long_date(day: str) -> str:
    """``2019-01-04`` as ``4 January 2019``."""
    year, month, dom = (int(part) for part in day.split("-"))
    return f"{dom} {_MONTHS[month - 1]} {year}"


# --- page parts --------------------------------------------------------------------------------------------


def cookie_banner() -> str:
    """A consent banner, as most sites show one."""
    return ('<div class="cookie-consent" role="dialog"><p>We use cookies to personalise content and ads, to provide'
            ' social media features and to analyse our traffic. By continuing you agree to our use of cookies.</p>'
            '<button>Accept all</button> <button>Manage settings</button></div>')


def navigation(sections: list[str]) -> str:
    """The site's top navigation."""
    items = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in sections)
    return f'<nav class="site-nav"><ul>{items}</ul></nav>'


def link_list(rng: random.Random, heading: str, css: str, count: int) -> str:
    """A headed list of links to other stories (related, most read)."""
    items = "".join(f'<li><a href="/news/{slug(h)}">{escape(h)}</a></li>' for h in rng.sample(_HEADLINES, count))
    return f'<div class="{css}"><h3>{heading}</h3><ul>{items}</ul></div>'


def comments(rng: random.Random) -> str:
    """A comment section of three to five reader comments."""
    entries = "".join(
        f'<li class="comment"><span class="author">{escape(rng.choice(_COMMENTERS))}</span>'
        f'<p>{escape(rng.choice(_COMMENTS))}</p><a href="#reply">Reply</a></li>' for _ in range(rng.randint(3, 5)))
    return f'<section id="comments" class="comments"><h2>Comments</h2><ol>{entries}</ol></section>'


def share_prompt() -> str:
    """Share buttons with their prompt."""
    return ('<div class="share"><p>Share this article</p><ul><li><a href="#">Facebook</a></li>'
            '<li><a href="#">Twitter</a></li><li><a href="#">Email</a></li></ul></div>')


NEWSLETTER = ('<div class="newsletter"><p>Sign up for our daily newsletter to get the top stories in your inbox'
              ' every morning.</p><form><input type="email" placeholder="Your email"><button>Subscribe</button>'
              '</form></div>')
#: Text of the furniture the templates add: none of it is article text.
FURNITURE = (
    "We use cookies", "Accept all", "Sign up for our daily newsletter", "Readers like you make our journalism",
    "Share this", "Share on", "Read more:", "Related stories", "Most read", "Recent Posts", "Related:",
    "Follow us on Twitter", "Enjoyed this post?", "Comments", "Reply", "Advertisement", "All rights reserved",
    "Tags:", *_COMMENTS, *_HEADLINES,
)
INLINE_NEWSLETTER = "Enjoyed this post? Sign up for our weekly newsletter and never miss an update."
DONATION = ('<p class="appeal">Readers like you make our journalism possible. Independent journalism needs your'
            ' support: please consider supporting us with a donation today.</p>')


def body_html(article: Article) -> str:
    """The standfirst and paragraphs as ``<p>`` elements."""
    lead = f'<p class="standfirst">{escape(article.standfirst)}</p>' if article.standfirst else ""
    return lead + "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)


def page(head: str, body: str) -> str:
    """A whole HTML document."""
    return f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{head}</head>\n<body>{body}</body></html>\n'


# --- templates: (article, url, canonical or None, rng) -> (html, where the date is) ------------------------

Template = Callable[[Article, str, str | None, random.Random], tuple[str, list[str]]]


def _canonical_tag(canonical: str | None) -> str:
    return f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""


def broadsheet(article: Article, url: str, canonical: str | None, rng: random.Random) -> tuple[str, list[str]]:
    """Semantic HTML5 with Open Graph metadata, ``<time>``, a figure, an inline "Read more" link, share
    buttons and a newsletter box inside the article, related links aside, comments."""
    title = escape(article.title)
    head = (f"<title>{title} | The Northern Courier</title>{_canonical_tag(canonical)}"
            f'<meta property="og:title" content="{title}"><meta property="og:type" content="article">'
            f'<meta property="article:published_time" content="{article.day}T08:30:00+00:00">')
    paragraphs = [f"<p>{escape(p)}</p>" for p in article.paragraphs]
    middle = len(paragraphs) // 2
    paragraphs.insert(middle, f'<p class="read-more"><strong>Read more:</strong> <a href="/news/other">'
                              f"{escape(rng.choice(_HEADLINES))}</a></p>")
    lead = f'<p class="standfirst">{escape(article.standfirst)}</p>' if article.standfirst else ""
    body = (f'{cookie_banner()}<header><a class="logo" href="/">The Northern Courier</a>'
            f'{navigation(["World", "Politics", "Business", "Sport", "Culture", "Opinion"])}</header>'
            f'<main><nav class="breadcrumb"><a href="/">Home</a> › <a href="/world/">World</a></nav>'
            f'<article><h1>{title}</h1>{lead}<div class="byline">By Staff Reporter · '
            f'<time datetime="{article.day}T08:30:00Z">{long_date(article.day)}</time></div>'
            f'<figure><img src="/img/lead.jpg" alt=""><figcaption>Photograph: Agency</figcaption></figure>'
            f'<div class="article-body">{"".join(paragraphs)}</div>{share_prompt()}{NEWSLETTER}</article>'
            f'<aside>{link_list(rng, "Related stories", "related", 4)}</aside>{comments(rng)}</main>'
            f'<footer><p>© The Northern Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>')
    return page(head, body), ["og:article:published_time", "time"]


def tabloid(article: Article, url: str, canonical: str | None, rng: random.Random) -> tuple[str, list[str]]:
    """``<div>`` soup with JSON-LD, ``og:url`` (the URL without its query), the date in the URL, a most-read box
    and a donation appeal after the text, no canonical link unless given."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
                     "datePublished": f"{article.day}T10:00:00Z"})
    head = (f"<title>{escape(article.title)}</title>{_canonical_tag(canonical)}"
            f'<meta property="og:url" content="{escape(url.split("?", 1)[0])}">'
            f'<script type="application/ld+json">{ld}</script><script>window.ads = [];</script>')
    body = (f'<div id="page">{cookie_banner()}<div class="top-bar">'
            f'{navigation(["News", "Showbiz", "Sport", "Money", "Travel"])}</div>'
            f'<div class="c-container"><div class="c-headline"><h1>{escape(article.title)}</h1></div>'
            f'<div class="c-meta"><span class="c-author">By Web Desk</span></div>'
            f'<div class="c-body">{body_html(article)}{DONATION}</div>'
            f'<div class="c-share"><span>Share on</span> <a href="#">WhatsApp</a> <a href="#">Twitter</a></div>'
            f'</div><div class="c-rail">{link_list(rng, "Most read", "most-read", 5)}'
            f'<div class="ad-slot">Advertisement</div></div>{comments(rng)}'
            f'<div class="c-footer">Terms · Contact · Advertise with us</div></div>')
    return page(head, body), ["json-ld", "url"]


def blog(article: Article, url: str, canonical: str | None, rng: random.Random) -> tuple[str, list[str]]:
    """A WordPress-like post: the date as visible text and ``<time class=entry-date>``, a newsletter plug as the
    last paragraph of the post, a sidebar of recent posts, "Share this" prompts, tag links, comments."""
    title = escape(article.title)
    head = f"<title>{title} – A Reader's Notebook</title>{_canonical_tag(canonical)}"
    tags = "".join(f'<a rel="tag" href="/tag/{t}/">{t}</a> ' for t in ("news", "politics", "world"))
    body = (f'<div class="site">{cookie_banner()}<header class="site-header"><p class="site-title">'
            f'A Reader\'s Notebook</p>{navigation(["Home", "About", "Archive", "Contact"])}</header>'
            f'<div id="content"><article class="post type-post"><header class="entry-header">'
            f'<h1 class="entry-title">{title}</h1><div class="entry-meta">Posted on <time class="entry-date" '
            f'datetime="{article.day}">{long_date(article.day)}</time> by editor</div></header>'
            f'<div class="entry-content">{body_html(article)}<p><em>{INLINE_NEWSLETTER}</em></p>'
            f'<div class="sharedaddy"><h3>Share this:</h3>'
            f'<a href="#">Twitter</a> <a href="#">Facebook</a></div></div>'
            f'<footer class="entry-footer">Tags: {tags}</footer></article>{comments(rng)}</div>'
            f'<aside id="secondary">{link_list(rng, "Recent Posts", "widget recent", 5)}'
            f'<div class="widget"><h3>Subscribe</h3>{NEWSLETTER}</div></aside>'
            f'<footer class="site-footer">Proudly powered by a blog engine</footer></div>')
    return page(head, body), ["time", "text"]


def wire(article: Article, url: str, canonical: str | None, rng: random.Random) -> tuple[str, list[str]]:
    """A bare wire page: the date only in the URL and a "Published" line, a "Related:" list and a follow
    prompt inside the story container."""
    related = "".join(f'<li><a href="/news/{slug(h)}">{escape(h)}</a></li>' for h in rng.sample(_HEADLINES, 3))
    head = f"<title>{escape(article.title)} - Wire Service</title>{_canonical_tag(canonical)}"
    body = (f'{cookie_banner()}<div class="masthead"><a href="/">WIRE SERVICE</a> '
            f'{navigation(["Top news", "Markets", "World"])}</div>'
            f'<div id="story"><h1>{escape(article.title)}</h1><p class="published">Published '
            f'{long_date(article.day)}</p>{body_html(article)}<p>Related:</p><ul class="related">{related}</ul>'
            f'<p>Follow us on Twitter</p></div><div class="legal">All quotes delayed a minimum of 15 minutes.</div>')
    return page(head, body), ["url", "text"]


TEMPLATES: dict[str, Template] = {"broadsheet": broadsheet, "tabloid": tabloid, "blog": blog, "wire": wire}
HOSTS = {"broadsheet": "https://courier.example.com/world/{y}/{m}/{slug}",
         "tabloid": "https://www.example.net/news/{y}/{m}/{d}/{slug}",
         "blog": "https://notebook.example.org/{slug}/",
         "wire": "https://wire.example.com/news/{y}-{m}-{d}/{slug}.html"}


def page_url(template: str, article: Article) -> str:
    """The article's URL on the template's site."""
    year, month, day = article.day.split("-")
    return HOSTS[template].format(y=year, m=month, d=day, slug=slug(article.title))


def label_text(article: Article) -> str:
    """The article text a page shows: standfirst and paragraphs, blank-line separated."""
    return "\n\n".join(([article.standfirst] if article.standfirst else []) + list(article.paragraphs))


def render(articles: list[Article], count: int, duplicates: int, seed: int) -> list[tuple[PageLabel, str]]:
    """Choose ``count`` articles with ``random.Random(seed)``, render each in a template (round robin), then
    ``duplicates`` of them again: even ones under a ``utm_*`` URL, odd ones on an AMP URL naming the original as
    canonical. Returns (label, HTML) pairs."""
    rng = random.Random(seed)
    chosen = rng.sample(articles, min(count, len(articles)))
    names = list(TEMPLATES)
    rendered: list[tuple[PageLabel, str]] = []
    for index, article in enumerate(chosen):
        template = names[index % len(names)]
        url = page_url(template, article)
        html, date_in = TEMPLATES[template](article, url, url if template == "broadsheet" else None, rng)
        label = PageLabel(f"p{index:03d}", f"pages/p{index:03d}.html", url, template, article.title,
                          label_text(article), article.day, date_in, None, article.source)
        rendered.append((label, html))
    originals = [pair for pair in rendered if pair[0].template != "broadsheet"]
    for number, (original, _html) in enumerate(rng.sample(originals, min(duplicates, len(originals)))):
        article = chosen[int(original.id[1:])]
        page_id = f"d{number:03d}"
        if number % 2 == 0:
            url = original.url + "?utm_source=twitter&utm_medium=social&utm_campaign=share"
            html, date_in = TEMPLATES[original.template](article, url, None, rng)
            template = original.template
        else:
            scheme, rest = original.url.split("://", 1)
            url = f"{scheme}://amp.{rest.removeprefix('www.')}"
            html, date_in = broadsheet(article, url, original.url, rng)
            template = "broadsheet (amp copy)"
        label = PageLabel(page_id, f"pages/{page_id}.html", url, template, article.title, original.text,
                          article.day, date_in, original.id, article.source)
        rendered.append((label, html))
    return rendered


def write_pages(out: Path, rendered: list[tuple[PageLabel, str]], seed: int) -> None:
    """Write every page and ``labels.json`` under ``out`` (pages/ is emptied of old pages first)."""
    (out / "pages").mkdir(parents=True, exist_ok=True)
    for old in (out / "pages").glob("*.html"):
        old.unlink()
    for label, html in rendered:
        (out / label.file).write_text(html, encoding="utf-8")
    labels = {"seed": seed, "pages": [asdict(label) for label, _html in rendered]}
    (out / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Generate the labelled page set; print how many pages of which template were written."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench" / "web-pages")
    parser.add_argument("--count", type=int, default=100, help="articles to render (duplicates come on top)")
    parser.add_argument("--duplicates", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args(argv)
    articles = load_articles(args.seeds)
    if not articles:
        print(f"no usable articles in {args.seeds}", file=sys.stderr)
        return 2
    rendered = render(articles, args.count, args.duplicates, args.seed)
    write_pages(args.out, rendered, args.seed)
    copies = sum(1 for label, _html in rendered if label.duplicate_of)
    print(f"{len(rendered)} pages ({copies} duplicates) from {len(articles)} usable articles -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
