"""讲师的编写工具 (authoring): notebook 的规范格式、节号与引用、计分表、术语表。

讲师加练习、加一节、加一周时不用读课程代码, 也不用手工维护编号和表格:
- `write_notebook`: 仓库唯一的 notebook JSON 格式 (nbformat.writes + 换行; 单元带 id), diff 最小;
- 节号 `## 2.9 插值` 与练习号 `## 练习 2.5：…` 在每周内连续; 仓库里所有 "2.9 节" / "练习 2.5" 的引用
  都指向存在的标题; `source/sections.json` 记下每个编号对应的标题, 标题挪了位置测试就会失败 ——
  `renumber` 按标题重新编号, 并改写所有引用;
- README 的计分表和每周标题单元里的 "共 N 分" 由 notebook 生成 / 核对;
- notebook 里第一次出现时标成 `*中文*（English）` 的术语都在 TERMINOLOGY.md 里, 一个英文术语只有一种译法。

Example:
    >>> from course.instructor import authoring
    >>> authoring.section_problems()        # doctest: +SKIP
    []
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

from course.grading import COURSE_ROOT

SOURCE = COURSE_ROOT / "source"
SECTIONS_FILE = SOURCE / "sections.json"
README = COURSE_ROOT / "README.md"
TERMINOLOGY = COURSE_ROOT / "TERMINOLOGY.md"

SECTION_RE = re.compile(r"^## (\d+)\.(\d+) (.+?)\s*$", re.M)
EXERCISE_RE = re.compile(r"^## 练习 (\d+)\.(\d+)[：:]\s*(.+?)\s*$", re.M)
POINTS_RE = re.compile(r"[（(](\d+) 分[）)]\s*$")
# "2.9 节"、"6.10 与 6.12 节"、"6.10–6.12 节": 一串编号以 "节" 结尾
_NUM = r"(?<![\d.])\d+\.\d+(?![\d.])"
SECTION_REF_RE = re.compile(rf"{_NUM}(?:\s*(?:[–\-、,，]|和|与|至|到|以及)\s*{_NUM})*\s*节")
EXERCISE_REF_RE = re.compile(rf"练习\s*{_NUM}")
TITLE_TOTAL_RE = re.compile(r"本周有 (\d+) 道计分练习（共 (\d+) 分）")
TERM_RE = re.compile(r"\*([^*\n]{1,30})\*（([^）\n]{1,80})）")
# 引用可能出现在这些文件里 (renumber 会改写它们)
REF_GLOBS = ("source/week*/*.ipynb", "README.md", "TERMINOLOGY.md", "bench/*.py", "course/*.py",
             "course/instructor/*.py", "tests/*.py", "tests/claims/*.py", "tests/variants/**/*.py")


# ---------------------------------------------------------------- 规范格式
def read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def canonical(nb) -> str:
    """仓库里 notebook 的唯一格式: nbformat 4.5 (单元带 id), 缩进 1, 键排序, 不转义中文, 结尾换行。"""
    return nbformat.writes(nbformat.from_dict(nb)) + "\n"


def write_notebook(path: Path, nb) -> None:
    nbformat.validate(nbformat.from_dict(nb))
    Path(path).write_text(canonical(nb), encoding="utf-8")


def weeks(source: Path = SOURCE) -> list[Path]:
    """每周的 source notebook (一周一个)。"""
    return sorted(source.glob("week*/*.ipynb"))


def week_number(nb_path: Path) -> int:
    return int(re.match(r"week(\d+)", nb_path.parent.name).group(1))


def _text(cell) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


# ---------------------------------------------------------------- 节号与引用
def headings(nb) -> list[tuple[str, int, int, str]]:
    """[(kind, 周, 号, 标题)], kind 是 "section" 或 "exercise", 按出现顺序。"""
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = _text(cell)
        found = [(m.start(), "section", m) for m in SECTION_RE.finditer(text)]
        found += [(m.start(), "exercise", m) for m in EXERCISE_RE.finditer(text)]
        for _, kind, m in sorted(found, key=lambda t: t[0]):
            title = m.group(3)
            if kind == "exercise":
                title = POINTS_RE.sub("", title).strip()
            out.append((kind, int(m.group(1)), int(m.group(2)), title))
    return out


def section_table(source: Path = SOURCE) -> dict[str, dict[str, str]]:
    """{"2.9": "插值", ...} 与 {"练习 2.5": "实现 `add_k_prob`", ...}, 按周: sections.json 的内容。"""
    table: dict[str, dict[str, str]] = {}
    for path in weeks(source):
        entries = {}
        for kind, w, k, title in headings(read_notebook(path)):
            entries[f"{w}.{k}" if kind == "section" else f"练习 {w}.{k}"] = title
        table[path.parent.name] = entries
    return table


def references(text: str) -> list[tuple[str, int]]:
    """文本里的引用 [("2.9", 位置) 或 ("练习 2.5", 位置)]; 练习标题本身不算引用。"""
    refs = []
    for m in SECTION_REF_RE.finditer(text):
        refs += [(n.group(0), m.start() + n.start()) for n in re.finditer(_NUM, m.group(0))]
    for m in EXERCISE_REF_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text.startswith("## 练习", line_start):
            continue
        refs.append(("练习 " + re.search(_NUM, m.group(0)).group(0), m.start()))
    return refs


def _ref_files(root: Path = COURSE_ROOT) -> list[Path]:
    files = {p for g in REF_GLOBS for p in root.glob(g)}
    skip = root / "course" / "instructor" / "authoring.py"   # 这里的编号只是例子, 不是引用
    return sorted(p for p in files if p.is_file() and p != skip)


def section_problems(root: Path = COURSE_ROOT) -> list[str]:
    """编号不连续、引用指向不存在的标题、sections.json 过期: 每条一句中文说明 (空列表 = 没问题)。"""
    source = root / "source"
    problems = []
    table = section_table(source)
    by_week = {int(re.match(r"week(\d+)", w).group(1)): entries for w, entries in table.items()}
    for path in weeks(source):
        w = week_number(path)
        for cell in read_notebook(path)["cells"]:
            for m in re.finditer(r"^## (.+?)\s*$", _text(cell) if cell["cell_type"] == "markdown" else "", re.M):
                title = m.group(1)
                if not re.match(r"(\d+\.\d+ |练习 \d+\.\d+[：:])", title) and _new_section_heading(title):
                    problems.append(f"{path.relative_to(root)}: 标题 '## {title}' 没有编号 "
                                    "(运行 python -m course sections --renumber)")
        for kind in ("section", "exercise"):
            nums = [(hw, k) for kd, hw, k, _ in headings(read_notebook(path)) if kd == kind]
            want = [(w, i) for i in range(1, len(nums) + 1)]
            if nums != want:
                label = "节号" if kind == "section" else "练习号"
                problems.append(f"{path.relative_to(root)}: {label}应当是 "
                                f"{', '.join(f'{a}.{b}' for a, b in want)}, 实际是 "
                                f"{', '.join(f'{a}.{b}' for a, b in nums)} (运行 python -m course sections --renumber)")
    for f in _ref_files(root):
        text = f.read_text(encoding="utf-8")
        for ref, pos in references(text):
            w = int(re.search(r"(\d+)\.", ref).group(1))
            if w in by_week and ref not in by_week[w]:
                line = text.count("\n", 0, pos) + 1
                problems.append(f"{f.relative_to(root)}:{line}: 引用 {ref}, 第 {w} 周没有这个标题")
    recorded = json.loads((source / "sections.json").read_text(encoding="utf-8")) \
        if (source / "sections.json").is_file() else {}
    for week, entries in table.items():
        old = recorded.get(week, {})
        for num, title in entries.items():
            if old.get(num, title) != title:
                problems.append(f"source/sections.json: {week} 的 {num} 记录的是 '{old[num]}', 现在是 '{title}' "
                                f"—— 引用可能指错了; 运行 python -m course sections --renumber 按标题改写引用")
        if week not in recorded or old.keys() != entries.keys():
            problems.append(f"source/sections.json 与 {week} 的标题不一致; 运行 python -m course sections --renumber")
    return problems


def renumber(root: Path = COURSE_ROOT) -> list[str]:
    """按 sections.json 里记下的标题, 把每周的节号、练习号重新编成连续的, 并改写仓库里所有引用。

    新插入的标题 (`## 新的一节` 不带号, 或号重复) 按位置编号; 旧标题按标题找到它的新号。
    返回改动说明; 最后重写 sections.json。
    """
    source = root / "source"
    recorded = json.loads((source / "sections.json").read_text(encoding="utf-8")) \
        if (source / "sections.json").is_file() else {}
    mapping: dict[str, str] = {}   # 旧号 -> 新号 ("2.9" -> "2.10", "练习 2.5" -> "练习 2.6")
    changes = []
    for path in weeks(source):
        w = week_number(path)
        nb = read_notebook(path)
        by_title = {kind: {t: n for n, t in recorded.get(path.parent.name, {}).items()
                           if n.startswith("练习") == (kind == "exercise")} for kind in ("section", "exercise")}
        counters = {"section": 0, "exercise": 0}
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            lines = _text(cell).split("\n")
            for i, line in enumerate(lines):
                m_ex = re.match(r"^## 练习(?: \d+\.\d+)?[：:]\s*(.+?)\s*$", line)
                m_sec = None if m_ex else re.match(r"^## (?:(\d+)\.(\d+) )?(.+?)\s*$", line)
                if m_ex:
                    kind, title, rest = "exercise", POINTS_RE.sub("", m_ex.group(1)).strip(), m_ex.group(1)
                elif m_sec and (m_sec.group(1) or _new_section_heading(m_sec.group(3))):
                    kind, title, rest = "section", m_sec.group(3), m_sec.group(3)
                else:
                    continue
                counters[kind] += 1
                new = f"{w}.{counters[kind]}"
                old = by_title[kind].get(title)
                if kind == "exercise":
                    new, lines[i] = f"练习 {new}", f"## 练习 {new}：{rest}"
                else:
                    lines[i] = f"## {new} {rest}"
                if old and old != new:
                    mapping[old] = new
                if lines[i] != line:
                    changes.append(f"{path.relative_to(root)}: {line} → {lines[i]}")
            cell["source"] = "\n".join(lines)
        write_notebook(path, nb)
    if mapping:
        for f in _ref_files(root):
            text = f.read_text(encoding="utf-8")
            new_text = _rewrite_refs(text, mapping)
            if new_text != text:
                changes.append(f"{f.relative_to(root)}: 引用改写 ({', '.join(f'{a}→{b}' for a, b in mapping.items())})")
                if f.suffix == ".ipynb":
                    write_notebook(f, nbformat.reads(new_text, as_version=4))
                else:
                    f.write_text(new_text, encoding="utf-8")
    (source / "sections.json").write_text(json.dumps(section_table(source), ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    return changes


def _new_section_heading(title: str) -> bool:
    """没编号的 `## 标题` 是否算一节 (小结、练习这两个结尾标题不编号)。"""
    return title not in ("小结", "练习") and not title.startswith("练习")


def _rewrite_refs(text: str, mapping: dict[str, str]) -> str:
    """一次替换 (不连锁): 2.9→2.10 与 2.10→2.11 同时发生也不会错。"""
    def sec(m):
        return re.sub(_NUM, lambda n: mapping.get(n.group(0), n.group(0)), m.group(0))

    def ex(m):
        num = re.search(_NUM, m.group(0)).group(0)
        new = mapping.get(f"练习 {num}")
        return m.group(0).replace(num, new.split(" ")[1]) if new else m.group(0)

    out = []
    for line in text.split("\n"):
        if line.lstrip('" ').startswith("## "):   # 标题行已经单独处理过
            out.append(line)
            continue
        out.append(EXERCISE_REF_RE.sub(ex, SECTION_REF_RE.sub(sec, line)))
    return "\n".join(out)


# ---------------------------------------------------------------- 计分表
def graded(nb) -> list[dict]:
    """[{grade_id, points, heading, heading_points}] 按练习顺序。points = 可见 + 隐藏测试的分数
    (nbgrader 元数据); 第 k 个 `## 练习` 标题对应第 k 个答案单元, heading_points 是标题里写的 "（N 分）"。"""
    rows: dict[str, dict] = {}
    exercise_headings = []
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell["cell_type"] == "markdown":
            exercise_headings += [m.group(3) for m in EXERCISE_RE.finditer(_text(cell))]
        if meta.get("solution") and not meta.get("grade"):
            rows.setdefault(meta["grade_id"], {"grade_id": meta["grade_id"], "points": 0})
        elif meta.get("grade"):
            gid = re.sub(r"^test_|_hidden$", "", meta["grade_id"])
            rows.setdefault(gid, {"grade_id": gid, "points": 0})["points"] += int(meta.get("points", 0))
    out = list(rows.values())
    for i, r in enumerate(out):
        heading = exercise_headings[i] if i < len(exercise_headings) else None
        pts = POINTS_RE.search(heading) if heading else None
        r["heading"], r["heading_points"] = heading, int(pts.group(1)) if pts else None
    return out


def points_problems(source: Path = SOURCE) -> list[str]:
    """练习标题里的 "（N 分）" 与标题单元里的 "共 N 分" 要等于 nbgrader 元数据里的分数。"""
    problems = []
    for path in weeks(source):
        nb = read_notebook(path)
        rows = graded(nb)
        n_headings = sum(len(EXERCISE_RE.findall(_text(c))) for c in nb["cells"] if c["cell_type"] == "markdown")
        if n_headings != len(rows):
            problems.append(f"{path.name}: {n_headings} 个 '## 练习 N.k' 标题, 但有 {len(rows)} 个计分的答案单元")
        for r in rows:
            if r["heading_points"] != r["points"]:
                problems.append(f"{path.name}: 练习 `{r['grade_id']}` 的标题 ({r['heading']}) 写 "
                                f"{r['heading_points']} 分, 测试单元合计 {r['points']} 分")
        title = _text(nb["cells"][0])
        total = sum(r["points"] for r in rows)
        missing = [r["grade_id"] for r in rows if f"`{r['grade_id']}`" not in title]
        if missing:
            problems.append(f"{path.name}: 标题单元没有列出计分的函数 {', '.join(missing)} (写成 `函数名`)")
        m = TITLE_TOTAL_RE.search(title)
        if not m:
            problems.append(f"{path.name}: 标题单元里没有 '本周有 N 道计分练习（共 P 分）'")
        elif (int(m.group(1)), int(m.group(2))) != (len(rows), total):
            problems.append(f"{path.name}: 标题单元写 {m.group(1)} 道 {m.group(2)} 分, 实际 {len(rows)} 道 {total} 分")
    return problems


TABLE_BEGIN = "<!-- graded-table: python -m course tables 生成, 不要手改 -->"
TABLE_END = "<!-- /graded-table -->"


def readme_table(readme: str, source: Path = SOURCE) -> str:
    """README 的计分表: 每周一行 (周、主题、计分的实现与分数、合计)。主题沿用 README 原有的那一行,
    新的周取标题单元的 "第 N 周：" 之后的文字。"""
    old_topics = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("week"):
            old_topics[cells[0]] = cells[1]
    lines = [TABLE_BEGIN, "| 周 | 主题 | 计分的实现 (分) | 合计 |", "|---|---|---|---|"]
    for path in weeks(source):
        nb = read_notebook(path)
        week = path.parent.name
        topic = old_topics.get(week) or re.sub(r"^#\s*第\s*\d+\s*周[：:]\s*", "", _text(nb["cells"][0]).splitlines()[0])
        rows = graded(nb)
        funcs = " ".join(f"`{r['grade_id']}` {r['points']}" for r in rows)
        lines.append(f"| {week} | {topic} | {funcs} | {sum(r['points'] for r in rows)} |")
    lines.append(TABLE_END)
    return "\n".join(lines)


def update_readme(root: Path = COURSE_ROOT, write: bool = True) -> bool:
    """把 README 的计分表换成生成的; 返回是否有变化。"""
    path = root / "README.md"
    text = path.read_text(encoding="utf-8")
    begin, end = text.find(TABLE_BEGIN), text.find(TABLE_END)
    if begin < 0 or end < 0:
        raise ValueError(f"README.md 里找不到计分表的标记 {TABLE_BEGIN!r} … {TABLE_END!r}")
    new = text[:begin] + readme_table(text[begin:end], root / "source") + text[end + len(TABLE_END):]
    if write and new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


# ---------------------------------------------------------------- 术语表
def marked_terms(source: Path = SOURCE) -> list[tuple[str, str, str]]:
    """notebook 里标成第一次出现的术语 [(周, 中文, English)]; 括号里是引用 (带年份) 的不算。"""
    out = []
    for path in weeks(source):
        for cell in read_notebook(path)["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for m in TERM_RE.finditer(_text(cell)):
                zh, en = m.group(1).strip(), m.group(2).strip()
                if re.search(r"(1[89]|20)\d\d", en):   # (Mikolov 等，2013) 是出处, 不是术语
                    continue
                en = re.split(r"[，,；;]\s*", en)[0].strip()   # (stochastic gradient descent，SGD) 取第一段
                out.append((path.parent.name, zh, en))
    return out


def glossary(root: Path = COURSE_ROOT) -> list[tuple[str, str]]:
    """TERMINOLOGY.md 的表: [(English, 中文)]。"""
    rows = []
    for line in (root / "TERMINOLOGY.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 2 and not set(cells[0]) <= set("-: ") and cells[0] != "English":
            rows.append((cells[0], cells[1]))
    return rows


def term_problems(root: Path = COURSE_ROOT) -> list[str]:
    """每个标出的术语都在 TERMINOLOGY.md 里 (中文在某一行的中文栏里); 同一个英文术语只有一种译法。"""
    text = "\n".join(f"{en} | {zh}" for en, zh in glossary(root))
    problems, seen = [], {}
    for week, zh, en in marked_terms(root / "source"):
        key = en.lower()
        if key in seen and seen[key][1] != zh:
            problems.append(f"{week}: '{en}' 译成 '{zh}', {seen[key][0]} 译成 '{seen[key][1]}' —— 一个术语只用一种译法")
        seen.setdefault(key, (week, zh))
        if zh not in text:
            problems.append(f"{week}: 术语 *{zh}*（{en}）不在 TERMINOLOGY.md 里 (python -m course terms --add 补上)")
    return problems


def add_missing_terms(root: Path = COURSE_ROOT) -> list[str]:
    """把缺的术语按第一次出现的顺序追加到 TERMINOLOGY.md 的表尾; 返回追加的行。"""
    path = root / "TERMINOLOGY.md"
    text = "\n".join(f"{en} | {zh}" for en, zh in glossary(root))
    added, seen = [], set()
    for _, zh, en in marked_terms(root / "source"):
        if zh in text or zh in seen:
            continue
        seen.add(zh)
        added.append(f"| {en} | {zh} |")
    if added:
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        last = max(i for i, ln in enumerate(lines) if ln.startswith("|"))
        lines[last + 1:last + 1] = added
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return added


def update_title_totals(source: Path = SOURCE) -> list[str]:
    """把每周标题单元里的 "本周有 N 道计分练习（共 P 分）" 改成 notebook 里实际的数; 返回改了的 notebook。"""
    changed = []
    for path in weeks(source):
        nb = read_notebook(path)
        rows = graded(nb)
        new = f"本周有 {len(rows)} 道计分练习（共 {sum(r['points'] for r in rows)} 分）"
        text = _text(nb["cells"][0])
        if TITLE_TOTAL_RE.search(text) and TITLE_TOTAL_RE.sub(new, text) != text:
            nb["cells"][0]["source"] = TITLE_TOTAL_RE.sub(new, text)
            write_notebook(path, nb)
            changed.append(path.name)
    return changed


# ---------------------------------------------------------------- 脚手架 (scaffolding)
def _nbgrader_meta(grade_id: str, *, solution: bool, grade: bool, points: int = 0) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def exercise_cells(week: int, name: str, visible: int = 1, hidden: int = 2, title: str | None = None) -> list:
    """一道新练习的五个单元: 说明 (markdown)、答案、可见测试、隐藏测试、"试一试"。编号由 renumber 给。"""
    from nbformat.v4 import new_code_cell, new_markdown_cell

    title = title or f"实现 `{name}`"
    md = (f"---\n## 练习 {week}.0：{title}（{visible + hidden} 分）\n\n"
          f"TODO: `{name}` 要做什么、边界情况、会报什么错。\n\n"
          f"```python\ndef {name}(x):\n```\n\n"
          f"例子：TODO (一个能手算的小输入和它的期望值)。\n\n*提示：* TODO (指向某一节, 不指向答案)。")
    answer = (f"def {name}(x):\n"
              f'    """TODO: 做什么; 参数与返回值的形状; 边界情况。\n\n'
              f"    Example: {name}(...) -> ...\n"
              f'    """\n'
              f"    ### BEGIN SOLUTION\n"
              f'    raise NotImplementedError("TODO: 参考解答")\n'
              f"    ### END SOLUTION")
    visible_test = (f"from course.grading import assert_equal, call\n\n"
                    f"# TODO: 讲解里能手算的例子\n"
                    f"assert_equal(call({name}, 'TODO'), 'TODO', what=\"{name}('TODO')\")")
    hidden_test = (f"### BEGIN HIDDEN TESTS\n"
                   f"from course import make_rng\n"
                   f"from course.grading import check_reference, reference\n\n"
                   f"rng = make_rng(0)\n"
                   f"cases = [('TODO',)]  # 带种子的随机输入 + 边界情况; 每种形状至少两组值不同的输入\n"
                   f'check_reference({name}, reference("{name}"), cases)\n'
                   f"### END HIDDEN TESTS")
    cells = [new_markdown_cell(md),
             new_code_cell(answer, metadata=_nbgrader_meta(name, solution=True, grade=False)),
             new_code_cell(visible_test, metadata=_nbgrader_meta(f"test_{name}", solution=False, grade=True,
                                                                 points=visible)),
             new_code_cell(hidden_test, metadata=_nbgrader_meta(f"test_{name}_hidden", solution=False, grade=True,
                                                                points=hidden))]
    return cells


def _insert_index(nb, after: str | None) -> int:
    """after: 一个 grade_id (插在这道练习及其后面的讲解之后、下一个标题之前)、一个节号 "2.9" (插在这一节末尾、
    下一节的标题之前, 这一节里的练习都在它前面), 或 None (小结之前)。

    标题常常在一个 markdown 单元的中间 (前面是上一节的结尾): 这时把单元从标题处切成两个, 插在中间。
    """
    from nbformat.v4 import new_markdown_cell

    cells = nb["cells"]
    heading = re.compile(r"^(?:---\s*\n)?## ", re.M)

    def split_before(start: int, pattern: re.Pattern = heading, offset: int = 0) -> int:
        """从第 start 个单元的第 offset 个字符起找 pattern; 前面有内容就把单元切开。返回插入位置。"""
        for i in range(start, len(cells)):
            if cells[i]["cell_type"] != "markdown":
                continue
            text = _text(cells[i])
            m = pattern.search(text, offset if i == start else 0)
            if not m:
                continue
            if text[:m.start()].strip():
                cells[i]["source"] = text[:m.start()].rstrip("\n")
                cells.insert(i + 1, new_markdown_cell(text[m.start():]))
                return i + 1
            return i
        return len(cells)

    if after is None:
        return split_before(0, re.compile(r"^## 小结", re.M))
    if re.fullmatch(r"\d+\.\d+", after):
        section_end = re.compile(r"^(?:---\s*\n)?## (?:\d+\.\d+ |小结)", re.M)   # 练习标题还在这一节里
        for i, c in enumerate(cells):
            m = re.search(rf"^## {re.escape(after)} ", _text(c), re.M) if c["cell_type"] == "markdown" else None
            if m:
                return split_before(i, section_end, offset=m.end())
        raise ValueError(f"找不到第 {after} 节的标题 '## {after} …'")
    ids = [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in cells]
    if f"test_{after}_hidden" not in ids:
        raise ValueError(f"找不到练习 {after} 的隐藏测试单元 (grade_id test_{after}_hidden)")
    return split_before(ids.index(f"test_{after}_hidden") + 1)


def new_exercise(assignment: str, name: str, after: str | None = None, visible: int = 1, hidden: int = 2,
                 title: str | None = None, root: Path = COURSE_ROOT) -> list[str]:
    """在 source/<assignment>/ 的 notebook 里插入一道练习的单元, 建 tests/variants/<assignment>/<name>/ 的桩,
    重新编号 (引用跟着改)、更新标题单元的总分和 README 的计分表。返回做了什么。"""
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise ValueError(f"练习名 {name!r} 不是合法的 Python 标识符")
    paths = sorted((root / "source" / assignment).glob("*.ipynb"))
    if not paths:
        raise ValueError(f"没有 source/{assignment}/*.ipynb; 新的一周先运行 python -m course new-week")
    path = paths[0]
    nb = read_notebook(path)
    if any(c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == name for c in nb["cells"]):
        raise ValueError(f"{path.name} 里已经有 grade_id = {name} 的单元")
    i = _insert_index(nb, after)
    nb["cells"][i:i] = exercise_cells(week_number(path), name, visible, hidden, title)
    write_notebook(path, nb)
    done = [f"{path.relative_to(root)}: 在第 {i} 个单元前插入练习 {name} 的 4 个单元"]
    vdir = root / "tests" / "variants" / assignment / name
    vdir.mkdir(parents=True, exist_ok=True)
    stubs = {"classes.txt": "wrong-math\n# TODO: 这道题适用的其他类别 (见 source/README.md 的评分闸门)\n",
             "alt_TODO.py": f"# TODO: 一个写法不同但正确的实现 (整段答案单元代码)\ndef {name}(x):\n"
                            f"    raise NotImplementedError\n"}
    for k in (1, 2, 3):
        stubs[f"bug_TODO_{k}.py"] = (f"# bug[wrong-math]: TODO 一个真实的学生错误\ndef {name}(x):\n"
                                     f"    raise NotImplementedError\n")
    for fname, text in stubs.items():
        if not (vdir / fname).exists():
            (vdir / fname).write_text(text, encoding="utf-8")
    done.append(f"{vdir.relative_to(root)}/: classes.txt, alt_TODO.py, bug_TODO_1..3.py (闸门在写好之前不会通过)")
    done += renumber(root)
    update_title_totals(root / "source")
    if update_readme(root):
        done.append("README.md: 计分表")
    return done


def new_week(slug: str, title: str, root: Path = COURSE_ROOT) -> list[str]:
    """建一周的骨架: source/<slug>/<NN_name>.ipynb (标题、环境单元、第一节、小结、练习),
    tests/claims/weekNN.py, tests/variants/<slug>/。之后用 new_exercise 加练习。"""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    m = re.fullmatch(r"week(\d\d)_([a-z0-9]+)", slug)
    if not m:
        raise ValueError(f"周名 {slug!r} 要写成 weekNN_slug (例如 week09_alignment)")
    week, short = int(m.group(1)), m.group(2)
    folder = root / "source" / slug
    if folder.exists():
        raise ValueError(f"{folder.relative_to(root)} 已经存在")
    folder.mkdir(parents=True)
    nb = new_notebook(cells=[
        new_markdown_cell(f"# 第 {week} 周：{title}\n\nTODO: 本周学什么、为什么 (动机)。\n\n"
                          "本周有 0 道计分练习（共 0 分）。每道练习后面有一个可见测试；评分时还会运行隐藏测试。"),
        new_code_cell("import course\nfrom course.plotting import setup_chinese_font\n\n"
                      "setup_chinese_font()\ndevice = course.get_device()\nprint(\"设备 (device):\", device)"),
        new_markdown_cell(f"## {week}.1 TODO 第一节\n\nTODO: 讲解 → 公式 → 能手算的小例子 → 图。"),
        new_markdown_cell("## 小结\n\nTODO"),
        new_markdown_cell("## 练习\n\nTODO: 开放问题。"),
    ])
    nb["metadata"] = json.loads((root / "source" / "header.ipynb").read_text(encoding="utf-8")).get("metadata", {})
    path = folder / f"{week:02d}_{short}.ipynb"
    write_notebook(path, nb)
    claims = root / "tests" / "claims" / f"week{week:02d}.py"
    if not claims.exists():
        claims.write_text(f'"""第 {week} 周 prose 里的数字与比较的来源 (见 tests/claims/__init__.py)。"""\n'
                          "from tests.claims import Claim  # noqa: F401\n\nCLAIMS = []\n\n"
                          "NOT_MEASURED = [\n    \"本周有 0 道计分练习（共 0 分）\",  # tests/test_authoring.py 核对\n]\n",
                          encoding="utf-8")
    (root / "tests" / "variants" / slug).mkdir(parents=True, exist_ok=True)
    done = [f"{path.relative_to(root)}", f"{claims.relative_to(root)}", f"tests/variants/{slug}/"]
    done += renumber(root)
    if update_readme(root):
        done.append("README.md: 计分表加了一行")
    return done
