"""duopress is a library too: importing it, warming it up and building with it leave python-pptx and
reportlab exactly as they shipped (its speed-ups live in its own subclasses or inside its own render calls)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PROBE = textwrap.dedent("""
    import sys
    from pptx.oxml import ns, xmlchemy
    from reportlab.platypus.paragraph import Paragraph

    def state():
        modules = {name: getattr(m, "qn", None) for name, m in sys.modules.items()
                   if name.startswith("pptx") and getattr(m, "qn", None) is not None}
        return xmlchemy.BaseOxmlElement.xpath, Paragraph.wrap, Paragraph.__dict__.copy(), ns.qn, modules

    import pptx.chart.xmlwriter, pptx.oxml.chart.chart, pptx.shapes.shapetree  # noqa: F401,E401
    before = state()
    import generator
    from generator.render.pptx import renderer  # noqa: F401 (imports every python-pptx module it uses)
    from generator.render.pdf import renderer as pdf  # noqa: F401
    assert state()[:4] == before[:4], "importing duopress changed a library"
    generator.preload(["pptx", "pdf", "slides"])
    before = state()  # python-pptx modules duopress imported are in it now, each with its own qn
    assert state() == before, "preload changed a library"
    result = generator.build(sys.argv[1], out=sys.argv[2], formats="pptx,pdf,slides")
    assert not result.failed, result.failed
    assert state() == before, "a build changed a library"
    generator.deck_fit(sys.argv[1])
    assert state() == before, "deck_fit changed a library"
    assert all(q is ns.qn for q in before[4].values())
    print("untouched")
""")


def test_importing_and_building_leave_python_pptx_and_reportlab_as_they_were(tmp_path):
    """In one fresh interpreter, serial (DUOPRESS_WORKERS=1: every render runs in this process)."""
    env = {"DUOPRESS_WORKERS": "1", "PATH": "/usr/bin:/bin"}
    import os

    env.update({k: v for k, v in os.environ.items() if k in {"DUOPRESS_CACHE_DIR", "HOME", "PYTHONPATH"}})
    done = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT / "tests/fixtures/minimal.yaml"),
                           str(tmp_path / "out")], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "untouched", done.stderr[-2000:]


def test_a_render_that_fails_still_undoes_the_speed_up():
    from pptx.oxml import xmlchemy

    from generator.render.pptx.oxml import queries as _oxml

    original = xmlchemy.BaseOxmlElement.xpath
    try:
        with _oxml.compiled_queries():
            assert xmlchemy.BaseOxmlElement.xpath is _oxml._xpath
            raise RuntimeError("a render that fails")
    except RuntimeError:
        pass
    assert xmlchemy.BaseOxmlElement.xpath is original


def test_another_thread_gets_python_pptx_own_functions_during_a_render():
    """While a duopress render runs in one thread, python-pptx called from another thread takes its own
    code path (the replacements answer only inside duopress's context: its query is not compiled into
    duopress's table), and both get the same results; when the render ends, python-pptx is as it was."""
    import threading

    from pptx.oxml import ns, xmlchemy

    from generator.render.pptx.oxml import queries as _oxml

    original = xmlchemy.BaseOxmlElement.xpath
    inside_started, outside_done = threading.Event(), threading.Event()
    _oxml._compiled.clear()

    def duopress_render():
        with _oxml.compiled_queries():
            inside_started.set()
            outside_done.wait(10)
            assert xmlchemy.OxmlElement("p:sp").xpath("./p:nvSpPr") == []
            assert ns.qn("a:t").endswith("}t")

    worker = threading.Thread(target=duopress_render)
    worker.start()
    assert inside_started.wait(10)
    assert xmlchemy.BaseOxmlElement.xpath is _oxml._xpath  # installed: the render is running
    assert xmlchemy.OxmlElement("p:sp").xpath("./p:spPr") == []  # the host's own call
    outside_done.set()
    worker.join(10)
    assert set(_oxml._compiled) == {"./p:nvSpPr"}  # the render's query compiled, the host's not
    assert xmlchemy.BaseOxmlElement.xpath is original
