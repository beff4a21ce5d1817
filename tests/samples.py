"""Hand-built Documents for renderer tests: every construct, both languages, no loader involved."""

from __future__ import annotations

import datetime as dt

from generator.errors import Span
from generator.localize.document import (
    ChartFigure,
    Document,
    Item,
    Meta,
    Point,
    Reference,
    Run,
    Section,
    Series,
    TableFigure,
    Term,
    TimelineEvent,
    TimelineFigure,
)
from generator.outline.labels import labels_for

CLOCK = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)

TEXTS = {
    "ko": {
        "title": "인공지능 기술의 발전 동향과 국제정치적 함의",
        "subtitle": "여섯 가지 동향과 세 가지 함의",
        "org": "국제정치 세미나",
        "date": "2024년 12월 1일",
        "section": "최근 동향",
        "item": "챗GPT의 확산 속도",
        "point1": "챗GPT는 2개월 만에 사용자 1억 명",
        "point2": "틱톡은 약 9개월, 인스타그램은 약 2년",
        "sub": "‘아이폰의 순간’(iPhone Moment)",
        "body": "2022년 11월 30일 오픈AI가 챗GPT를 공개한 이후 AI 기술이 일상생활에 본격적으로 침투했다. "
        "R&D < 5% 와 <b>태그</b> 는 글자 그대로 보여야 한다.",
        "notes": "청중에게 확산 속도를 강조한다.",
        "chart": "사용자 1억 명 도달까지 걸린 기간",
        "cats": ("챗GPT", "틱톡", "인스타그램"),
        "series": "기간",
        "labels": ("2개월", "9개월", "24개월"),
        "axis": "개월",
        "table": "국내 기업의 전략",
        "cols": ("기업", "전략"),
        "rows": (("네이버", "소버린 AI, 하이퍼클로바X"), ("KT", "마이크로소프트와 약 2조 4,000억 원")),
        "timeline": "주요 사건",
        "events": ("챗GPT 공개", "LLaMA 1 발표", "EU AI법 합의"),
        "dates": ("2022년 11월 30일", "2023년 2월", "2023년 12월"),
        "ref": "오순영·하정우 (2024). 『AI 전쟁 2.0』.",
        "term": ("소버린 AI", "sovereign AI"),
        "unspaced": "가나다라마바사아자차카타파하" * 8,
    },
    "en": {
        "title": "AI Trends and Their International-Political Implications",
        "subtitle": "Six trends and three implications",
        "org": "International Politics Seminar",
        "date": "December 1, 2024",
        "section": "Recent developments",
        "item": "How fast ChatGPT spread",
        "point1": "ChatGPT reached 100 million users in 2 months",
        "point2": "TikTok took about 9 months, Instagram about 2 years",
        "sub": "An “iPhone moment”",
        "body": "After OpenAI released ChatGPT on November 30, 2022, AI entered everyday life. "
        "R&D < 5% and <b>tags</b> must show literally.",
        "notes": "Stress the speed of adoption.",
        "chart": "Time to reach 100 million users",
        "cats": ("ChatGPT", "TikTok", "Instagram"),
        "series": "Time",
        "labels": ("2 months", "9 months", "24 months"),
        "axis": "months",
        "table": "Korean companies' strategies",
        "cols": ("Company", "Strategy"),
        "rows": (("Naver", "Sovereign AI, HyperCLOVA X"), ("KT", "About KRW 2.4 trillion with Microsoft")),
        "timeline": "Key events",
        "events": ("ChatGPT released", "LLaMA 1 announced", "EU AI Act agreed"),
        "dates": ("November 30, 2022", "February 2023", "December 2023"),
        "ref": "Oh, S. & Ha, J. (2024). AI War 2.0.",
        "term": ("sovereign AI", "소버린 AI"),
        "unspaced": "Pneumonoultramicroscopic" * 4,
    },
}


def _line(text: str) -> tuple[Run, ...]:
    return (Run(text),)


def _item(t: dict, ident: str, number: str, figure=None, layout=None) -> Item:
    return Item(
        id=ident,
        number=number,
        title=_line(t["item"]),
        points=(
            Point(_line(t["point1"]), (Point(_line(t["sub"])),)),
            Point((Run(t["point2"]), Run(" 10"), Run("25", superscript=True), Run(" FLOP", bold=True))),
        ),
        body=(_line(t["body"]), (Run(t["unspaced"]), Run(" link", href="https://example.org/a?b=1&c=2"))),
        notes=(t["notes"],),
        other_notes=(("en" if t is TEXTS["ko"] else "ko", ("other-language notes",)),),
        citations=(1,),
        figure=figure,
        layout=layout,
        span=Span("outline.yaml", 10 + len(number), 7),
    )


def sample_document(lang: str = "ko") -> Document:
    t = TEXTS[lang]
    labels = labels_for(lang)
    chart = ChartFigure(
        kind="bar", label=labels["figure"].format(n=1), title=_line(t["chart"]),
        categories=t["cats"], series=(Series(t["series"], (2.0, 9.0, 24.0), t["labels"]),),
        number_format="0", axis_title=t["axis"], alt=t["chart"], source=_line(t["ref"]),
    )
    table = TableFigure(
        label=labels["table"].format(n=1), title=_line(t["table"]),
        header=tuple(_line(c) for c in t["cols"]),
        rows=tuple(tuple(_line(c) for c in row) for row in t["rows"]), alt=t["table"],
    )
    timeline = TimelineFigure(
        label=labels["figure"].format(n=2), title=_line(t["timeline"]),
        events=tuple(
            TimelineEvent(when, date_text, _line(text))
            for when, date_text, text in zip(
                (dt.date(2022, 11, 30), dt.date(2023, 2, 1), dt.date(2023, 12, 1)), t["dates"], t["events"]
            )
        ),
        alt=t["timeline"],
    )
    items = (
        _item(t, "adoption", "1.1", chart),
        _item(t, "players", "1.2", table),
        _item(t, "events", "1.3", timeline),
        _item(t, "plain", "1.4"),
    )
    return Document(
        lang=lang,
        language_tag={"ko": "ko-KR", "en": "en-US"}[lang],
        meta=Meta(
            title=t["title"], subtitle=t["subtitle"], short_title=t["subtitle"], date=CLOCK.date(),
            date_text=t["date"], organisation=t["org"], event=t["org"], keywords=("AI",),
        ),
        sections=(Section("recent", 1, _line(t["section"]), items),),
        references=(Reference(1, "oh-ha-2024", _line(t["ref"]), "https://example.org/book"),),
        glossary=(Term(*t["term"]),),
        labels=labels,
        clock=CLOCK,
        generator="duopress 0.1.0",
        stem="sample",
    )
