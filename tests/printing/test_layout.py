"""The shared page layout, and the checks the document tests rely on (shown to fail when they
should: text outside the frames, missing lines)."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Spacer

from app.printing import layout, page_frame, raster, signatures
from tests.printing import pdfcheck

HEADER = layout.PageHeader(
    "Gminny Ośrodek Pomocy Społecznej w Narewce",
    "ul. Białowieska 1, 17-220 Narewka",
    "2005092/2026/0042",
    "Notatka z wizyty",
    date(2026, 3, 4),
)


class _Overflow(Flowable):
    """Draws a word far to the right of the frame, as clipped table text would."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, 12

    def draw(self) -> None:
        self.canv.setFont(layout.FONT, 9)
        self.canv.drawString(self.width + 30, 0, "Źdźbło")


def test_the_outside_check_finds_overflowing_text():
    ok = page_frame.build_pdf(HEADER, [layout.para("Zażółć gęślą jaźń")])
    assert pdfcheck.chars_outside_layout(ok) == []
    bad = page_frame.build_pdf(HEADER, [layout.para("tekst"), _Overflow()])
    assert {ch for _page, ch in pdfcheck.chars_outside_layout(bad)} == set("Źdźbło")


def test_writing_lines_split_across_pages_and_are_counted():
    story = layout.title_block("Formularz") + [signatures.WritingLines(70)]
    pdf = page_frame.build_pdf(HEADER, story)
    pages = pdfcheck.page_texts(pdf)
    assert len(pages) == 3
    rules = 2  # every page: the rule under the header and the one above the footer
    assert sum(pdfcheck.ruled_lines(pdf, page=p) for p in range(3)) == 70 + 3 * rules
    text_only = page_frame.build_pdf(HEADER, [layout.para("Bez linii.")])
    assert pdfcheck.ruled_lines(text_only) == rules


def test_header_footer_metadata_and_page_count():
    pdf = page_frame.build_pdf(HEADER, [layout.para("x")] + [Spacer(1, 680)] + [layout.para("y")])
    pages = pdfcheck.page_texts(pdf)
    assert len(pages) == 2
    for n, page in enumerate(pages, 1):
        assert f"strona {n} z 2" in page
        assert "Nr sprawy: 2005092/2026/0042" in page and "Data: 04.03.2026" in page
        assert "ul. Białowieska 1, 17-220 Narewka" in page and "Notatka z wizyty" in page
    meta = pdfcheck.reader(pdf).metadata
    assert meta["/Title"] == "Notatka z wizyty" and meta["/Author"] == "Kooperacja"
    assert raster.page_count(pdf) == 2


def test_a_heading_never_ends_a_page():
    filler = layout.Spacer(1, layout.PAGE_HEIGHT - layout.MARGIN_TOP - layout.MARGIN_BOTTOM - 40)
    story = [filler, layout.heading("Wnioski z diagnozy"), layout.para("Treść wniosków.")]
    pages = pdfcheck.page_texts(page_frame.build_pdf(HEADER, story))
    assert "Wnioski z diagnozy" not in pages[0]
    assert "Wnioski z diagnozy Treść wniosków." in pages[1]


def test_signatures_stay_with_their_lead_text():
    filler = layout.Spacer(1, layout.PAGE_HEIGHT - layout.MARGIN_TOP - layout.MARGIN_BOTTOM - 90)
    people = [
        signatures.Signatory("Grażyna Źdźbło-Łęcka", "członek rodziny"),
        signatures.Signatory("", "przedstawiciel"),
    ]
    story = [filler, *signatures.signature_section(people, lead=[layout.para("Ostatni punkt.")])]
    pages = pdfcheck.page_texts(page_frame.build_pdf(HEADER, story))
    assert "Ostatni punkt." in pages[1] and "Grażyna Źdźbło-Łęcka" in pages[1]
    assert "imię i nazwisko (drukowanymi literami)" in pages[1]


def test_closing_keeps_a_short_section_whole_and_a_long_one_in_part():
    short = [layout.heading("VI"), layout.para("krótko")]
    lead = signatures.closing(short, "krótko")
    assert len(lead) == 2 and short == []
    # A long note: only its last sentences go with the signatures, the rest flows on.
    long_text = "Zdanie numer jeden o wizycie w domu rodziny. " * 40
    flows = [layout.heading("VI"), layout.para(long_text)]
    lead = signatures.closing(flows, long_text)
    assert len(lead) == 1 and len(flows) == 2
    kept = lead[0].text.replace("\xad", "")
    body = flows[1].text.replace("\xad", "")
    assert 100 < len(kept) < 400 and kept.startswith("Zdanie numer jeden")
    assert body.rstrip() + " " + kept == long_text.strip()


def test_pages_render_to_images_in_memory():
    pdf = page_frame.build_pdf(HEADER, [layout.para("x")])
    (page,) = raster.render_pages(pdf, dpi=72)
    assert page.width in (595, 596) and page.height in (841, 842)  # A4 at 72 dpi
    assert len(page.data) >= page.stride * page.height
    assert page.to_png().startswith(b"\x89PNG")


def test_long_header_values_stay_in_the_header():
    header = layout.PageHeader(
        "Miejsko-Gminny Ośrodek Pomocy Społecznej im. Świętego Brata Alberta Chmielowskiego "
        "w Gminie Zażółć-Gęślą-Jaźń z Filią w Miejscowości Źdźbłowo Wielkie Pierwsze",
        "ul. Księdza Kardynała Stefana Wyszyńskiego Prymasa Tysiąclecia 128/130, 17-220 "
        "Narewka, tel. 85 685 80 15, e-mail: sekretariat.osrodka@narewka.example.pl",
        "2005092/2026/0001/ZESPÓŁ-KOOPERACJI/AKTA-BIEŻĄCE/2026",
        "Porozumienie o współpracy",
        date(2026, 3, 4),
        reference_label="Nr porozumienia:",
    )
    pdf = page_frame.build_pdf(header, [layout.para("Treść.")])
    assert pdfcheck.chars_outside_layout(pdf) == []
    text = pdfcheck.text(pdf)
    assert "Miejsko-Gminny Ośrodek Pomocy Społecznej" in text and "Data: 04.03.2026" in text
    assert "Nr porozumienia: 2005092/2026/0001" in text
