"""Render an article as a realistic news-site page (Vietnamese or English).

Page order, as on the sites we read: <head> with og:title/og:description (the sapo)/og:url,
header with the nav menu, breadcrumbs, <h1>, date and author, the sapo paragraph, the body
(paragraphs, <h2> sub-headings, photos as <figure><img><figcaption>), tags, "Tin liên quan",
"Tin mới", a comments block and the footer. Everything from the article is HTML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from tests.fakes.articletext import ArticleText, Block


@dataclass(frozen=True)
class Labels:
    """The site chrome in one language."""

    lang: str
    site: str
    nav: tuple[str, ...]
    home: str
    section: str
    related: str
    newest: str
    comments: str
    comment_hint: str
    send: str
    readers: tuple[tuple[str, str], ...]
    footer: str
    headlines: tuple[str, ...]


VI = Labels(
    lang="vi",
    site="Báo Sông Lam",
    nav=("Thời sự", "Chính trị", "Kinh tế", "Xã hội", "Pháp luật", "Thể thao", "Văn hóa"),
    home="Trang chủ",
    section="Chính trị",
    related="Tin liên quan",
    newest="Tin mới",
    comments="Bình luận",
    comment_hint="Gửi bình luận của bạn (bình luận sẽ được duyệt trước khi đăng)",
    send="Gửi",
    readers=(("Minh Anh", "Bài viết rất thiết thực, cảm ơn báo."), ("Quốc Bảo", "Đồng tình!")),
    footer="Cơ quan chủ quản: Báo Sông Lam (trang thử nghiệm). Địa chỉ: đường Lê Lợi, TP. Vinh.",
    headlines=(
        "Khai mạc Hội báo Xuân tại TP. Vinh",
        "Nghệ An triển khai kế hoạch phòng chống rét cho đàn gia súc",
        "Đường ven biển qua Cửa Lò sẽ thông xe trong quý tới",
        "Hội thi tuyên truyền viên giỏi khối cơ quan tỉnh",
    ),
)
EN = Labels(
    lang="en",
    site="Riverton Herald",
    nav=("News", "Politics", "Business", "Community", "Sport", "Opinion"),
    home="Home",
    section="News",
    related="Related stories",
    newest="Latest",
    comments="Comments",
    comment_hint="Join the conversation (comments are moderated)",
    send="Post",
    readers=(("jkline", "Finally some action."), ("river_rat", "Who is paying for this?")),
    footer="© Riverton Herald (test site). 1 Main Street, Riverton.",
    headlines=(
        "School board delays vote on new bus routes",
        "Farmers market returns to Main Street",
        "Library extends weekend opening hours",
    ),
)


def _block_html(block: Block, image: str) -> str:
    if block.kind == "photo":
        return (
            f'<figure class="photo"><img src="{escape(image)}" alt="{escape(block.alt)}" '
            f'loading="lazy"><figcaption>{escape(block.text)}</figcaption></figure>'
        )
    return f"<{block.kind}>{escape(block.text)}</{block.kind}>"


def _links(headlines: tuple[str, ...], prefix: str) -> str:
    items = (
        f'<li><a href="/articles/{prefix}-{n}.html">{escape(title)}</a></li>'
        for n, title in enumerate(headlines, 1)
    )
    return "<ul>" + "".join(items) + "</ul>"


def _comments(labels: Labels) -> str:
    readers = "".join(
        f'<div class="comment"><b>{escape(name)}</b><p>{escape(text)}</p></div>'
        for name, text in labels.readers
    )
    return (
        f'<section class="comments" id="comments"><h3>{labels.comments}</h3>'
        f'<form><textarea placeholder="{escape(labels.comment_hint)}"></textarea>'
        f"<button>{escape(labels.send)}</button></form>{readers}</section>"
    )


def _head(article: ArticleText, *, page_url: str, image: str, lang: str, site: str) -> str:
    title, sapo = escape(article.title), escape(article.sapo)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title} | {escape(site)}</title>"
        f'<meta name="description" content="{sapo}">'
        f'<meta property="og:type" content="article">'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:description" content="{sapo}">'
        f'<meta property="og:url" content="{escape(page_url)}">'
        f'<meta property="og:image" content="{escape(image)}">'
        f'<link rel="canonical" href="{escape(page_url)}">'
        f"<script>window.dataLayer = window.dataLayer || [];</script></head>"
    )


def _chrome_top(labels: Labels) -> str:
    nav = "".join(
        f'<li><a href="/{n}.html">{escape(name)}</a></li>' for n, name in enumerate(labels.nav)
    )
    return (
        f'<body><header class="site-header"><a class="logo" href="/">{escape(labels.site)}</a>'
        f'<nav class="menu"><ul>{nav}</ul></nav></header>'
        f'<div class="breadcrumbs"><a href="/">{labels.home}</a> › '
        f'<a href="/0.html">{escape(labels.section)}</a></div>'
    )


def render_article_page(
    article: ArticleText,
    *,
    page_url: str,
    image_url: str,
    published: datetime,
    author: str | None,
    labels: Labels,
) -> str:
    """Return the full HTML page of an article."""
    lang = labels.lang
    stamp = published.strftime("%d/%m/%Y %H:%M") if lang == "vi" else f"{published:%B %d, %Y}"
    body = "".join(_block_html(block, image_url) for block in article.blocks)
    byline = f'<p class="author">{escape(author)}</p>' if author else ""
    return (
        _head(article, page_url=page_url, image=image_url, lang=lang, site=labels.site)
        + _chrome_top(labels)
        + f'<main><article class="article"><h1 class="article__title">{escape(article.title)}</h1>'
        f'<div class="article__meta"><time datetime="{published.isoformat()}">{stamp}</time>'
        f'</div><p class="article__sapo"><strong>{escape(article.sapo)}</strong></p>'
        f'<div class="article__body">{body}</div>{byline}'
        f'<div class="article__related"><h3>{labels.related}</h3>'
        f"{_links(labels.headlines[:2], 'related')}</div></article>"
        f'<aside class="latest"><h3>{labels.newest}</h3>'
        f"{_links(labels.headlines, 'latest')}</aside>"
        + _comments(labels)
        + f'</main><footer class="site-footer"><p>{escape(labels.footer)}</p></footer>'
        "</body></html>\n"
    )
