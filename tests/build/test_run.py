"""helpers.build: parameters, normalisation, failure handling, output folders."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import build
from helpers.errors import ParameterError


def _notebook(path: Path, body: str, params: str = "x = 1  # a number") -> Path:
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 99 · A test notebook\n\nDoes the build work?"),
            new_code_cell(params, metadata={"tags": ["parameters"]}),
            new_code_cell(body),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(nb, path)
    return path


def test_parse_params_reads_literals_and_paths():
    assert build.parse_params('a=1 b=2.5 c=data/x.csv d="two words" e=None f=[1,2]') == {
        "a": 1,
        "b": 2.5,
        "c": "data/x.csv",
        "d": "two words",
        "e": None,
        "f": [1, 2],
    }
    assert build.parse_params("") == {}


@pytest.mark.parametrize("bad", ["novalue", "1x=3", "=3"])
def test_parse_params_rejects_malformed_pairs(bad):
    with pytest.raises(ParameterError, match="key=value"):
        build.parse_params(bad)


def test_notebook_parameters_lists_assigned_names(tmp_path):
    nb = nbformat.read(_notebook(tmp_path / "n.ipynb", "pass", "a = 1\nb: str = 'x'  # c\n"), as_version=4)
    assert build.notebook_parameters(nb) == {"a": "1", "b": "'x'"}


def test_normalise_strips_volatile_metadata():
    nb = new_notebook(
        cells=[new_code_cell("f()")],
        metadata={"papermill": {"start_time": "t"}, "language_info": {"name": "python", "version": "3.11.7"}},
    )
    cell = nb.cells[0]
    cell.metadata.update({"execution": {"iopub.status.busy": "2026"}, "tags": ["keep"], "papermill": {}})
    cell.id = "random-uuid"
    cell.outputs = [
        new_output("execute_result", {"text/plain": "<Line2D at 0x7f3a2b1c>"}, execution_count=1),
        new_output("stream", name="stdout", text="obj at 0xDEADbeef\n"),
    ]
    build.normalise(nb)
    assert "papermill" not in nb.metadata and "version" not in nb.metadata["language_info"]
    assert cell.id == "cell-00" and cell.metadata == {"tags": ["keep"]}
    assert cell.outputs[0]["data"]["text/plain"] == "<Line2D>"
    assert cell.outputs[1]["text"] == "obj\n"


def test_execute_runs_injects_parameters_and_stages_figures(tmp_path):
    src = _notebook(
        tmp_path / "src.ipynb",
        "import matplotlib.pyplot as plt\nfrom helpers import plotting\nplotting.setup()\n"
        "fig, ax = plt.subplots(); ax.set_title(str(x))\nplotting.savefig(fig, 'chart_' + str(x))\nprint(x * 2)",
    )
    before = src.read_bytes()
    result = build.execute(
        src, tmp_path / "out" / "src.ipynb", params={"x": 21}, figures_dir=tmp_path / "figs", progress=False
    )
    assert src.read_bytes() == before
    out = nbformat.read(result.output, as_version=4)
    assert any("x = 21" in c.source for c in out.cells)  # papermill's injected cell
    assert out.cells[-1].outputs[0]["text"] == "42\n"
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == ["chart_21.png", "chart_21.svg"]
    assert result.files[0] == result.output and len(result.files) == 3


def test_execute_rejects_unknown_parameters(tmp_path):
    src = _notebook(tmp_path / "src.ipynb", "pass")
    with pytest.raises(ParameterError, match="no parameter 'y'; its parameters are: x"):
        build.execute(src, tmp_path / "o.ipynb", params={"y": 1}, progress=False)


def test_failing_notebook_names_the_cell_and_writes_nothing(tmp_path):
    src = _notebook(
        tmp_path / "src.ipynb",
        "from helpers import plotting\nimport matplotlib.pyplot as plt\n"
        "plotting.savefig(plt.figure(), 'half')\nraise ValueError('bad data in row 7')",
    )
    dest, figs = tmp_path / "committed.ipynb", tmp_path / "figs"
    dest.write_text("committed", encoding="utf-8")
    with pytest.raises(build.NotebookFailed) as info:
        build.execute(src, dest, figures_dir=figs, progress=False)
    assert info.value.cell_index == 2 and info.value.ename == "ValueError"
    assert "bad data in row 7" in str(info.value) and "src.ipynb: cell 2" in str(info.value)
    assert dest.read_text(encoding="utf-8") == "committed"
    assert not figs.exists() or not any(figs.iterdir())


def test_cli_reports_failure_with_exit_code_1(tmp_path, capsys):
    src = _notebook(tmp_path / "01_fail.ipynb", "1 / 0")
    assert build.main(["--notebook", str(src), "--no-html", "--output", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "BUILD FAILED" in err and "ZeroDivisionError" in err and "cell 2" in err


def test_cli_with_params_writes_to_the_output_folder(tmp_path, capsys):
    src = _notebook(tmp_path / "01_ok.ipynb", "print(x)")
    before = src.read_bytes()
    out = tmp_path / "out"
    assert build.main(["--notebook", str(src), "--params", "x=5", "--output", str(out), "--no-html"]) == 0
    assert src.read_bytes() == before
    assert (out / "01_ok.ipynb").exists()
    assert "Summary" in capsys.readouterr().out


def test_cli_bad_params_exit_code_2(tmp_path, capsys):
    src = _notebook(tmp_path / "01_ok.ipynb", "pass")
    assert build.main(["--notebook", str(src), "--params", "nokey"]) == 2
    assert "key=value" in capsys.readouterr().err


def test_notebook_title_reads_the_first_markdown_cell(tmp_path):
    nb = nbformat.read(_notebook(tmp_path / "n.ipynb", "pass"), as_version=4)
    assert build.notebook_title(nb) == ("99 · A test notebook", "Does the build work?")


# --- the build's edges (issue #10) and parameters (issue #13) ------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--notebook", "notebooks"], "is a folder, not a notebook"),
        (["--notebook", "README.md"], "is not a notebook (.ipynb file)"),
        (["--notebook", "notebooks/00_overview.ipynb", "--params", "x='unclosed"], "check the quotes"),
        (["--params", "x=1"], "name it with NB="),
    ],
)
def test_cli_bad_targets_and_quotes_get_one_clear_error(args, message, capsys):
    assert build.main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_not_json_notebook_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "01_bad.ipynb"
    bad.write_text("not json", encoding="utf-8")
    assert build.main(["--notebook", str(bad), "--no-html"]) == 2
    assert "is not a readable notebook" in capsys.readouterr().err


def test_failed_parameter_run_leaves_no_previous_result_behind(tmp_path, capsys):
    src = _notebook(tmp_path / "01_x.ipynb", "assert x < 5, 'x too big'\nprint(x)")
    out = tmp_path / "out"
    assert build.main(["--notebook", str(src), "--params", "x=1", "--output", str(out), "--no-html"]) == 0
    assert (out / "01_x.ipynb").exists()
    assert build.main(["--notebook", str(src), "--params", "x=9", "--output", str(out), "--no-html"]) == 1
    assert not (out / "01_x.ipynb").exists()
    assert "holds no result of this run" in capsys.readouterr().err


def test_ctrl_c_ends_with_one_line(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build.run, "build", interrupted)
    assert build.main(["--no-html"]) == 130
    assert capsys.readouterr().err.strip() == "interrupted; committed files untouched"


SPEC_CELL = (
    "horizon = 3  # years\nplatform = 'alibaba'\n"
    "SPEC = {'horizon': {'type': 'int', 'range': [1, 10], 'unit': 'years', 'help': 'years ahead'},\n"
    "        'platform': {'type': 'str', 'help': 'platform modelled'}}"
)


def test_list_params_prints_the_spec(tmp_path, capsys):
    src = _notebook(tmp_path / "01_p.ipynb", "pass", SPEC_CELL)
    assert build.main(["--list-params", "--notebook", str(src)]) == 0
    out = capsys.readouterr().out
    assert "horizon   = 3" in out and "int in [1, 10] years: years ahead" in out


def test_bad_parameter_is_refused_before_any_kernel_starts(tmp_path, capsys):
    src = _notebook(tmp_path / "01_p.ipynb", "pass", SPEC_CELL)
    assert (
        build.main(["--notebook", str(src), "--params", "horizon=abc", "--no-html", "--output", str(tmp_path / "o")])
        == 2
    )
    err = capsys.readouterr().err
    assert "parameter horizon = 'abc': must be a whole number (int in [1, 10] years: years ahead)" in err
    assert not (tmp_path / "o").exists()


def test_params_file_keeps_types_and_quoted_text(tmp_path, capsys):
    src = _notebook(tmp_path / "01_p.ipynb", "print(repr(platform), horizon)", SPEC_CELL)
    pfile = tmp_path / "p.yaml"
    pfile.write_text("platform: '2019'\nhorizon: 4\n", encoding="utf-8")
    out = tmp_path / "o"
    assert build.main(["--notebook", str(src), "--params-file", str(pfile), "--output", str(out), "--no-html"]) == 0
    nb = nbformat.read(out / "01_p.ipynb", as_version=4)
    assert nb.cells[-1].outputs[0]["text"] == "'2019' 4\n"
    # on the command line a declared text stays text
    assert build.parse_params("platform=2019", {"platform": {"type": "str"}}) == {"platform": "2019"}
