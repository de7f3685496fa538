"""环境检查与中文字体。"""
from __future__ import annotations

import warnings

from course import envcheck
from course.plotting import setup_chinese_font


def test_envcheck_all_ok(capsys):
    assert envcheck.main() == 0
    out = capsys.readouterr().out
    assert "[OK]   torch" in out and "[FAIL]" not in out and "device:" in out


def test_chinese_labels_render_without_missing_glyphs(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    assert "CJK" in setup_chinese_font()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 缺字 (missing glyph) 会是 UserWarning
        fig, ax = plt.subplots()
        ax.set_title("齐夫定律（Zipf's law）：词频与排名")
        ax.set_xlabel("排名 (rank)")
        ax.plot([1, 2, 3], [-1, -2, -3])
        fig.savefig(tmp_path / "zipf.png")
        plt.close(fig)
    assert (tmp_path / "zipf.png").stat().st_size > 1000
