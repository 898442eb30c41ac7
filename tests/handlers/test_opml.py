"""OPML export and import through the real Application and the fake Bot API's files."""

from __future__ import annotations

from bot.app import build_application, running
from feeds.opml import OpmlFeed, export_opml, parse_opml
from tests.fakes.botapi import FakeBotAPI
from tests.fakes.newssite import NewsSite
from tests.feeds.conftest import data_file
from tests.harness import make_settings, say

ADMIN = 7101


async def test_export_then_import_round_trip(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    settings = make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN])
    app = build_application(settings)
    async with running(app):
        await bot_api.user_sends(ADMIN, "/export")
        (document,) = await bot_api.wait_for_documents(ADMIN)
        assert document.file_name == "newsbot-feeds.opml"
        exported = {feed.url for feed in parse_opml(document.data)}
        assert exported == {news_site.feed_url("baonghean"), news_site.feed_url("english")}

        mine = [
            OpmlFeed(url=news_site.feed_url("baonghean"), title="known"),
            OpmlFeed(url="https://new.example/rss", title="new"),
            OpmlFeed(url="https://other.example/feed.xml", title="other"),
        ]
        await bot_api.user_sends_document(
            ADMIN, file_name="mine.opml", data=export_opml(mine, title="mine")
        )
        (reply,) = await bot_api.wait_for_messages(ADMIN)
        assert "thêm 2, đã có 1, bỏ qua 0" in reply.text
        storage = app.bot_data.services.storage
        added = await storage.find_feed(url="https://new.example/rss")
        assert added is not None and added.added_by == ADMIN


async def test_import_refuses_private_addresses_and_respects_the_limit(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    settings = make_settings(
        bot_api,
        news_site,
        sqlite_url,
        allow_private_feed_urls=False,
        members_can_add_feeds=True,
        max_feeds_per_chat=1,
    )
    async with running(build_application(settings)):
        feeds = [
            OpmlFeed(url="http://10.0.0.1/rss", title="private"),
            OpmlFeed(url="https://93.184.216.34/rss", title="public"),
            OpmlFeed(url="https://93.184.216.35/rss", title="over the limit"),
        ]
        await bot_api.user_sends_document(
            7103, file_name="f.opml", data=export_opml(feeds, title="f")
        )
        (reply,) = await bot_api.wait_for_messages(7103)
        assert "thêm 1, đã có 0, bỏ qua 2" in reply.text
        assert "10.0.0.1/rss: địa chỉ trỏ vào mạng nội bộ" in reply.text
        assert "93.184.216.35/rss: Nhóm/bạn đã thêm 1 nguồn tin" in reply.text


async def test_broken_opml_gets_a_plain_answer(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    settings = make_settings(
        bot_api, news_site, sqlite_url, admin_ids=[ADMIN], allow_private_feed_urls=False
    )
    async with running(build_application(settings)):
        await bot_api.user_sends_document(ADMIN, file_name="x.opml", data=b"<opml><body>")
        (reply,) = await bot_api.wait_for_messages(ADMIN)
        assert reply.text.startswith("Không đọc được tệp OPML: XML hỏng ở dòng 1")
        assert "not an OPML file" not in reply.text and "broken" not in reply.text


async def test_members_cannot_import_unless_allowed(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        data = export_opml([OpmlFeed(url="https://x.example/rss", title="x")], title="x")
        await bot_api.user_sends_document(7102, file_name="x.opml", data=data)
        (reply,) = await bot_api.wait_for_messages(7102)
        assert "quản trị viên" in reply.text
        assert "Nguồn tin (2)" in await say(bot_api, 7102, "/feeds")


async def test_opml_sent_as_xml_is_imported_and_skipped_entries_are_counted(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    settings = make_settings(bot_api, news_site, sqlite_url, admin_ids=[ADMIN])
    async with running(build_application(settings)):
        await bot_api.user_sends_document(
            ADMIN,
            file_name="Subscriptions.XML",
            data=data_file("opml_reader_export.opml"),
            mime_type="text/xml",
            language_code="en",
        )
        (reply,) = await bot_api.wait_for_messages(ADMIN)
        assert "7 added, 0 already known, 6 skipped" in reply.text
        assert "• file:///etc/passwd: not an http(s) address" in reply.text
        assert "• Website only: no feed address (xmlUrl)" in reply.text
        assert "listed twice" in reply.text and "not an RSS/Atom feed entry" in reply.text


async def test_xml_that_is_not_opml_gets_a_polite_answer_privately_and_none_in_groups(
    bot_api: FakeBotAPI, news_site: NewsSite, sqlite_url: str
) -> None:
    rss = data_file("rss_vi.xml")
    async with running(build_application(make_settings(bot_api, news_site, sqlite_url))):
        await bot_api.user_sends_document(7104, file_name="feed.xml", data=rss)
        (reply,) = await bot_api.wait_for_messages(7104)
        assert reply.text.startswith("Tệp này không phải danh sách nguồn tin OPML")
        await bot_api.user_sends_document(
            -1007105,
            file_name="data.bin",
            data=rss,
            mime_type="application/xml",
            chat_type="supergroup",
        )
        await bot_api.user_sends(-1007105, "/help", chat_type="supergroup")
        (reply,) = await bot_api.wait_for_messages(-1007105)
        assert reply.text.startswith("Các lệnh")
