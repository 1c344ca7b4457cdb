"""Each dialect's grammar on Type cells copied from the corpus (FORMATS.md), and
the traps: mixed trees, per-file detection in `specgen ir`, Ruby bare union
pages, PHP escaped-pipe unions, TypeScript enum code blocks, `#` lines in code
blocks, wrong-folder links, Go `, error` responses, UsageSnippet endpoints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.ir import AnyType, Array, Literal, Map, Primitive, Ref, Type, Union
from generator.parse import parse_document
from generator.types import dialects, namespaced_key, parse_type, parse_variant, ref_key

from .scoring import REPO

STR, INT, NUM, BOOL = (Primitive(k) for k in ("string", "integer", "number", "boolean"))
DT, BIN = Primitive("string", "date-time"), Primitive("string", "binary")
I32 = Primitive("integer", "int32")
DOC = "models/components/x.md"


def cell(md: str):  # type: ignore[no-untyped-def]
    """The Type cell of a one-row Fields table holding `md`."""
    text = f"# X\n\n## Fields\n\n| Field | Type | Required |\n| - | - | - |\n| `f` | {md} | - |\n"
    return parse_document(text, DOC).sections[0].tables()[0].rows[0].cells[1]


def ref(target: str, name: str) -> Ref:
    return Ref(ref_key(target, name))


def ns_ref(folder: str, name: str) -> Ref:
    """A by-name reference written with a namespace (`operations.X`)."""
    return Ref(namespaced_key(folder, name))


# (dialect, cell markdown, type, nullable, maybe_null)
CASES: list[tuple[str, str, Type, bool, bool]] = [
    ("typescript", "*string*[]", Array(STR), False, False),
    ("typescript", "Record<string, *any*>[]", Array(Map(AnyType())), False, False),
    ("typescript", '*"lead"*', Literal("lead"), False, False),
    (
        "typescript",
        "[components.Link](./link.md)[]",
        Array(ref("models/components/link.md", "Link")),
        False,
        False,
    ),
    ("typescript", "*operations.TagIds*", ns_ref("operations", "TagIds"), False, False),
    ("python", "*OptionalNullable[str]*", STR, True, False),
    ("python", "List[[models.U](../u.md)]", Array(ref("models/u.md", "U")), False, False),
    ("python", '*Literal["TEXT"]*', Literal("TEXT"), False, False),
    ("go", "**string*", STR, False, True),
    ("go", "[]*string*", Array(STR), False, False),
    ("go", "map[string]*string*", Map(STR), False, False),
    ("go", "[*time.Time](https://pkg.go.dev/time#Time)", DT, False, True),
    ("go", "*io.ReadCloser*", BIN, False, False),
    ("go", "*int*", I32, False, False),
    ("java", "*Optional\\<Long>*", INT, False, False),
    ("java", "List\\<*String*>", Array(STR), False, False),
    ("java", "Map\\<String, *String*>", Map(STR), False, False),
    ("java", "byte[]", BIN, False, False),
    ("java", "*Optional\\<Integer>*", I32, False, False),
    ("java", "[OffsetDateTime](https://docs.oracle.com/x.html)", DT, False, False),
    ("csharp", "Dictionary<String, *object*>", Map(AnyType()), False, False),
    ("csharp", "List<*double*>", Array(NUM), False, False),
    ("csharp", "[DateTime](https://learn.microsoft.com/x)", DT, False, False),
    ("php", "*?string*", STR, False, True),
    ("php", "array<string, *int*>", Map(INT), False, False),
    ("php", "array<*string*>", Array(STR), False, False),
    ("php", "[\\DateTime](https://www.php.net/manual/en/class.datetime.php)", DT, False, False),
    ("ruby", "*Crystalline::Nilable.new(::String)*", STR, False, True),
    ("ruby", "Crystalline::Hash[Symbol, *::Object*]", Map(AnyType()), False, False),
    ("ruby", "*Crystalline::Boolean.new*", BOOL, False, False),
    ("ruby", "Crystalline::Array<*::Integer*>", Array(INT), False, False),
    # Speakeasy writes an inner `<` escaped twice, so the cell reads `\\<` (glean-java)
    (
        "java",
        "Map\\<String, List\\\\<[FacetResult](../../models/components/FacetResult.md)>>",
        Map(Array(ref("models/components/FacetResult.md", "FacetResult"))),
        False,
        False,
    ),
    ("java", "List\\<Map\\\\<String, *Object*>>", Array(Map(AnyType())), False, False),
    ("java", "*Optional\\<byte[]>*", BIN, False, False),
    # wildcards (novu-java), fully qualified model names
    ("java", "*Optional<? extends String>*", STR, False, False),
    (
        "java",
        "[Optional<? extends co.novu.sdk.models.components.Dto>](../../models/components/Dto.md)",
        ref("models/components/Dto.md", "Dto"),
        False,
        False,
    ),
    ("csharp", "*byte[]*", BIN, False, False),
    # PHP 8 union with null (bridge-php): `A|B|null` is `?(A|B)`
    (
        "php",
        "[Components\\A\\|Components\\B\\|null](../../Models/Components/AB.md)",
        Union((ns_ref("Components", "A"), ns_ref("Components", "B"))),
        False,
        True,
    ),
    # Sorbet style (fastpix-ruby, moov-ruby, kombo-ruby; easyship-ruby without `::`)
    ("ruby", "*T.nilable(::String)*", STR, False, True),
    ("ruby", "*T.nilable(String)*", STR, False, True),
    ("ruby", "*T::Boolean*", BOOL, False, False),
    ("ruby", "T::Hash[Symbol, T::Array<::String>]", Map(Array(STR)), False, False),
    ("ruby", "T::Hash[Symbol, *::String*]", Map(STR), False, False),
    (
        "ruby",
        "T::Array<[Models::Components::PlaybackId](../../models/shared/playbackid.md)>",
        Array(ref("models/shared/playbackid.md", "PlaybackId")),
        False,
        False,
    ),
    ("ruby", "[T.any(::String, ::Float)](../shared/id1.md)", Union((STR, NUM)), False, False),
]


@pytest.mark.parametrize(("dialect", "md", "want", "nullable", "maybe"), CASES)
def test_dialect_reads_corpus_cells(
    dialect: str, md: str, want: Type, nullable: bool, maybe: bool
) -> None:
    got = parse_type(dialects()[dialect], cell(md), DOC)
    assert (got.type, got.nullable, got.maybe_null) == (want, nullable, maybe)


def test_every_dialect_has_cases() -> None:
    assert {d for d, *_ in CASES} == set(dialects()) - {"plain"}


def test_ruby_union_link_keeps_its_page() -> None:
    md = (
        "[Crystalline::Nilable.new(Crystalline::Union.new(Models::Components::A, "
        "Models::Components::B))](../../models/shared/abunion.md)"
    )
    got = parse_type(dialects()["ruby"], cell(md), DOC)
    assert got.type == Union((ns_ref("Components", "A"), ns_ref("Components", "B")))
    assert got.maybe_null and got.page == ref_key("models/shared/abunion.md", "")


def test_php_escaped_pipe_union_stays_one_cell() -> None:
    md = "[Components\\A\\|Components\\B](../../Models/Components/AB.md)"
    got = parse_type(dialects()["php"], cell(md), DOC)
    assert got.type == Union((ns_ref("Components", "A"), ns_ref("Components", "B")))
    assert got.page == ref_key("Models/Components/AB.md", "")


# ------------------------------------------------------------ whole trees


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def _ir(spec: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "ir", "--spec", str(spec), "-v"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _fields(*rows: str) -> str:
    return "## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n" + "".join(
        f"| {r} | N/A |\n" for r in rows
    )


def test_mixed_dialect_tree_is_an_error(tmp_path: Path) -> None:
    spec = _tree(
        tmp_path,
        {
            "models/components/a.md": "# A\n\n"
            + _fields("`x` | *Optional[str]* | :heavy_minus_sign:"),
            "models/components/b.md": "# B\n\n"
            + _fields("`y` | *Nullable[int]* | :heavy_minus_sign:"),
            "models/components/c.md": "# C\n\n" + _fields("`z` | **string* | :heavy_minus_sign:"),
        },
    )
    run = _ir(spec)
    assert run.returncode == 2
    assert "models/components/c.md:1: the tree mixes documentation dialects" in run.stderr
    assert "2 files read as python, but 1 go" in run.stderr


def test_ir_reports_the_dialect_of_each_file(tmp_path: Path) -> None:
    spec = _tree(
        tmp_path,
        {
            "models/components/a.md": "# A\n\n" + _fields("`x` | *string* | :heavy_check_mark:"),
            "models/components/b.md": "# B\n\n" + _fields("`y` | **string* | :heavy_minus_sign:"),
        },
    )
    run = _ir(spec)
    assert run.returncode == 0, run.stderr
    # `*string*` reads as TypeScript, Go, C# and PHP alike: it follows b.md's Go.
    assert json.loads(run.stdout)["dialects"] == [
        ["models/components/a.md", "go"],
        ["models/components/b.md", "go"],
    ]


def test_ruby_bare_union_page_takes_variants_from_the_cell(tmp_path: Path) -> None:
    row = (
        "`conn` | [Crystalline::Nilable.new(Crystalline::Union.new(Models::Components::One, "
        "Models::Components::Two))](../../models/shared/connunion.md) | :heavy_check_mark:"
    )
    spec = _tree(
        tmp_path,
        {
            "models/components/holder.md": "# Holder\n\n" + _fields(row),
            "models/components/connunion.md": "# ConnUnion\n",
            "models/components/one.md": "# One\n\n"
            + _fields("`a` | *::String* | :heavy_check_mark:"),
            "models/components/two.md": "# Two\n\n"
            + _fields("`b` | *::Integer* | :heavy_check_mark:"),
        },
    )
    run = _ir(spec)
    assert run.returncode == 0, run.stderr
    models = {m["name"]: m for m in json.loads(run.stdout)["models"]}
    assert models["ConnUnion"]["kind"] == "union"
    assert [v["model"] for v in models["ConnUnion"]["variants"]] == ["One", "Two"]
    conn = models["Holder"]["fields"][0]
    assert conn["type"] == {"kind": "ref", "model": "ConnUnion"} and conn["nullable"] is True
    assert (
        "models/components/holder.md:7: warning: link to missing 'models/shared/connunion.md'"
        in run.stderr
    )
    assert "models/components/connunion.md:1: warning: union page without variants" in run.stderr


def test_ts_enum_code_block_and_hash_lines_in_code(tmp_path: Path) -> None:
    spec = _tree(
        tmp_path,
        {
            "models/components/accesslevel.md": (
                "# AccessLevel\n\n## Example Usage\n\n```typescript\n# not a heading\n"
                'let value: AccessLevel = "write";\n```\n\n## Values\n\n'
                '```typescript\n"write" | "read"\n```\n'
            ),
        },
    )
    run = _ir(spec)
    assert run.returncode == 0, run.stderr
    (m,) = json.loads(run.stdout)["models"]
    assert m["name"] == "AccessLevel" and [v["value"] for v in m["members"]] == ["write", "read"]


def test_go_operation_from_usage_snippet_and_error_suffix(tmp_path: Path) -> None:
    sdk = (
        "# Jobs\n\n## Submit\n\nSubmit a job\n\n### Example Usage\n\n"
        '<!-- UsageSnippet language="go" operationID="post_/jobs/{id}" method="post" '
        'path="/jobs/{id}" -->\n```go\n// code\n```\n\n### Parameters\n\n'
        "| Parameter | Type | Required | Description |\n| - | - | - | - |\n"
        "| `ctx` | [context.Context](https://pkg.go.dev/context#Context) | :heavy_check_mark: "
        "| c |\n"
        "| `ID` | *string* | :heavy_check_mark: | the job |\n"
        "| `opts` | [][operations.Option](../../models/operations/option.md) "
        "| :heavy_minus_sign: | o |\n"
        "\n### Response\n\n"
        "**[*operations.SubmitResponse](../../models/operations/submitresponse.md), error**\n"
    )
    spec = _tree(
        tmp_path,
        {
            "sdks/jobs/README.md": sdk,
            "models/operations/submitresponse.md": "# SubmitResponse\n\n"
            + _fields(
                "`HTTPMeta` | [components.HTTPMetadata](../../models/components/httpmetadata.md) "
                "| :heavy_check_mark:",
                "`Job` | [*components.Job](../../models/components/job.md) | :heavy_minus_sign:",
            ),
            "models/components/httpmetadata.md": "# HTTPMetadata\n\n"
            + _fields(
                "`Response` | [*http.Response](https://pkg.go.dev/net/http#Response) "
                "| :heavy_check_mark:",
            ),
            "models/components/job.md": "# Job\n\n"
            + _fields("`JobID` | *string* | :heavy_check_mark:"),
            "models/operations/option.md": "# Option\n\n"
            + _fields("`x` | *string* | :heavy_minus_sign:"),
        },
    )
    run = _ir(spec)
    assert run.returncode == 0, run.stderr
    ir = json.loads(run.stdout)
    (op,) = ir["operations"]
    assert (op["method"], op["path"]) == ("POST", "/jobs/{id}")
    assert [(p["wire_name"], p["location"]) for p in op["params"]] == [("id", "path")]
    assert op["responses"][0]["type"] == {"kind": "ref", "model": "Job"}
    names = {m["name"] for m in ir["models"]}
    assert "HTTPMetadata" not in names and "SubmitResponse" not in names


def test_php_request_holder_and_default_error_status(tmp_path: Path) -> None:
    """bridge-php: `$request` links a `<OperationId>Request` holder whose fields are
    the parameters; kombo-ruby and others list a `default` error status."""
    sdk = (
        "# Memos\n\n## listByCustomer\n\nList memos\n\n### Example Usage\n\n"
        '<!-- UsageSnippet language="php" operationID="get_/customers/{customerID}/memos" '
        'method="get" path="/customers/{customerID}/memos" -->\n```php\n// code\n```\n\n'
        "### Parameters\n\n| Parameter | Type | Required | Description |\n| - | - | - | - |\n"
        "| `$request` | [Operations\\GetCustomersCustomerIDMemosRequest]"
        "(../../Models/Operations/GetCustomersCustomerIDMemosRequest.md) | :heavy_check_mark: "
        "| The request object to use for the request. |\n\n### Response\n\n"
        "**[?Components\\Memo](../../Models/Components/Memo.md)**\n\n### Errors\n\n"
        "| Error Type | Status Code | Content Type |\n| - | - | - |\n"
        "| Errors\\APIException | 4XX, 5XX | \\*/\\* |\n| Errors\\Problem | default | x |\n"
    )
    spec = _tree(
        tmp_path,
        {
            "sdks/memos/README.md": sdk,
            "Models/Operations/GetCustomersCustomerIDMemosRequest.md": "# Holder\n\n"
            + _fields(
                "`customerID` | *string* | :heavy_check_mark:",
                "`limit` | *?int* | :heavy_minus_sign:",
            ),
            "Models/Components/Memo.md": "# Memo\n\n"
            + _fields("`id` | *string* | :heavy_check_mark:"),
            "Models/Errors/Problem.md": "# Problem\n\n"
            + _fields("`detail` | *string* | :heavy_check_mark:"),
        },
    )
    run = _ir(spec)
    assert run.returncode == 0, run.stderr
    (op,) = json.loads(run.stdout)["operations"]
    assert [(p["wire_name"], p["location"]) for p in op["params"]] == [
        ("customerID", "path"),
        ("limit", "query"),
    ]
    assert [e["status"] for e in op["errors"]] == ["4XX", "5XX", "default"]


def test_csharp_variant_headings_use_system_type_names() -> None:
    # stackone-csharp: `### ArrayOfInt32` under `## Supported Types`
    heading = parse_document("# U\n\n## Supported Types\n\n### ArrayOfInt32\n", DOC)
    got = parse_variant(dialects()["csharp"], heading.sections[0].children[0].cell, DOC)
    assert got.type == Array(I32)


def test_older_java_holder_and_wrapper_error_field(tmp_path: Path) -> None:
    """bolt-java / speakeasy-java (no method or path in the docs): the `request`
    holder carries its body in a field named for the body's component, and the
    response wrapper's `error` field is the error response, not the result."""
    sdk = (
        "# Account\n\n## addAddress\n\nAdd an address\n\n### Parameters\n\n"
        "| Parameter | Type | Required | Description |\n| - | - | - | - |\n"
        "| `request` | [com.x.models.operations.AccountAddressCreateRequest]"
        "(../../models/operations/AccountAddressCreateRequest.md) | :heavy_check_mark: | r |\n"
        "\n### Response\n\n**[com.x.models.operations.AccountAddressCreateResponse]"
        "(../../models/operations/AccountAddressCreateResponse.md)**\n"
    )
    link = "[Optional\\<{0}>](../../models/shared/{0}.md)"
    spec = _tree(
        tmp_path,
        {
            "sdks/account/README.md": sdk,
            "models/operations/AccountAddressCreateRequest.md": "# AccountAddressCreateRequest\n\n"
            + _fields(
                "`xPublishableKey` | *String* | :heavy_check_mark:",
                "`addressListing` | [com.x.models.shared.AddressListing]"
                "(../../models/shared/AddressListing.md) | :heavy_check_mark:",
            ),
            "models/operations/AccountAddressCreateResponse.md": (
                "# AccountAddressCreateResponse\n\n"
            )
            + _fields(
                "`contentType` | *String* | :heavy_check_mark:",
                f"`error` | {link.format('Error')} | :heavy_minus_sign:",
                f"`addressListing` | {link.format('AddressListing')} | :heavy_minus_sign:",
                "`statusCode` | *int* | :heavy_check_mark:",
                "`rawResponse` | [HttpResponse\\<InputStream>](https://docs.oracle.com/x.html) "
                "| :heavy_check_mark:",
            ),
            "models/shared/AddressListing.md": "# AddressListing\n\n"
            + _fields("`id` | *String* | :heavy_check_mark:"),
            "models/shared/Error.md": "# Error\n\n"
            + _fields("`message` | *String* | :heavy_check_mark:"),
        },
    )
    run = _ir(spec)
    assert run.returncode == 0, run.stderr
    ir = json.loads(run.stdout)
    (op,) = ir["operations"]
    assert op["body"] == {"kind": "ref", "model": "AddressListing"}
    assert [p["doc_name"] for p in op["params"]] == ["xPublishableKey"]
    assert op["responses"][0]["type"] == {"kind": "ref", "model": "AddressListing"}
    names = {m["name"] for m in ir["models"]}
    assert "AccountAddressCreateRequest" not in names
