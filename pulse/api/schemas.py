"""What the API returns: every response has a schema in the OpenAPI document. Figures come from
stored, disclosure-controlled publications; a hidden figure is null, with `suppressed: true`
and a `reason`."""

from datetime import date, datetime

from ninja import Field, Schema

Value = str | int | float | bool | None


class Region(Schema):
    code: str = Field(description="The region's ODS code, such as Y62")
    name: str


class System(Schema):
    code: str = Field(description="The integrated care board's ODS code, such as QYG")
    ons_code: str
    name: str
    short_name: str
    region: Region
    named_in_benchmarks: bool = Field(
        description="Whether the system agreed to be named in other systems' benchmarks"
    )


class Page(Schema):
    count: int = Field(description="How many items there are in all")
    page: int
    page_size: int
    pages: int


class SystemPage(Page):
    items: list[System]


class Role(Schema):
    role: str
    role_name: str
    system: str | None = Field(None, description="The system's ODS code, for roles in a system")
    region: str | None = Field(None, description="The region's ODS code, for regional analysts")


class Me(Schema):
    email: str
    name: str
    roles: list[Role]
    token_name: str
    token_expires_on: date | None


class Option(Schema):
    code: str
    label: str


class Question(Schema):
    key: str
    type: str
    text: str
    section: str
    construct_key: str | None = Field(
        None, alias="construct", description="The construct (scale) the question scores"
    )
    principle: str | None
    layer: str | None
    reverse: bool
    dimension: str | None
    options: list[Option]
    answer_keys: list[str] = Field(description="The columns this question's answers fill")


class Construct(Schema):
    key: str
    name: str
    kind: str = Field(description="principle, construct, layer_involvement or index")
    item_keys: list[str]
    components: list[str]


class VersionSummary(Schema):
    version: int
    created_at: datetime


class Instrument(Schema):
    id: int
    key: str
    title: str
    standard: bool
    system: str | None = Field(None, description="The owning system's ODS code, for local ones")
    versions: list[VersionSummary]


class InstrumentPage(Page):
    items: list[Instrument]


class InstrumentVersion(Schema):
    instrument_id: int
    key: str
    title: str
    version: int
    description: str
    questions: list[Question]
    constructs: list[Construct]


class WaveSummary(Schema):
    id: int
    title: str
    instrument_id: int
    instrument_key: str
    instrument_version: int
    opens_on: date
    closes_on: date
    published_on: date | None
    results_ready: bool


class WavePage(Page):
    items: list[WaveSummary]


class TableSummary(Schema):
    name: str
    title: str
    description: str
    url: str


class Wave(WaveSummary):
    system: str
    k: int | None = Field(None, description="The minimum group size used (at least 10)")
    responses: int | None = Field(None, description="Responses, null when fewer than k")
    breakdowns: list[str]
    tables: list[TableSummary]


class Column(Schema):
    key: str
    header: str
    kind: str = Field(description="text, int, score, pct, p or alpha")


class Row(Schema):
    suppressed: bool
    reason: str | None = Field(None, description="Why the row is hidden, such as below_k")
    note: str = Field(description="The reason in words, as in the Excel data pack")
    values: dict[str, Value]


class ResultsTable(Page):
    system: str
    wave_id: int
    name: str
    title: str
    description: str
    k: int
    columns: list[Column]
    items: list[Row]


class Score(Schema):
    key: str
    name: str
    n: int | None
    mean: float | None = Field(None, description="Score out of 10")
    pct_positive: float | None
    quartile_band: int | None = None
    funnel_flag: str | None = None
    change: str | None = Field(None, description="improved, declined or no significant change")
    suppressed: bool
    reason: str | None


class ComparedWave(Schema):
    system: str
    system_name: str
    region: str
    wave_id: int
    title: str
    opens_on: date
    closes_on: date


class Benchmark(Schema):
    id: int
    instrument_id: int
    instrument_key: str
    instrument_title: str
    instrument_version: int
    closes_from: date
    closes_to: date
    systems: int
    k: int
    computed_at: datetime


class BenchmarkPage(Page):
    items: list[Benchmark]


class BenchmarkDetail(Benchmark):
    compared: list[ComparedWave] = Field(description="The surveys compared that you may name")
    unnamed_systems: int = Field(description="Systems counted in England's figures unnamed")


class BenchmarkSystem(Schema):
    code: str
    name: str
    region: Region
    wave_id: int
    wave_title: str
    opens_on: date
    closes_on: date
    responses: int | None
    responses_suppressed: bool
    responses_reason: str | None
    previous_survey: str | None
    scores: list[Score]


class BenchmarkSystemPage(Page):
    benchmark_id: int
    items: list[BenchmarkSystem]


class Area(Schema):
    code: str = Field(description='"england" or a region\'s ODS code')
    name: str
    kind: str = Field(description="england or region")
    systems: int
    scores: list[Score]


class AreaList(Schema):
    benchmark_id: int
    items: list[Area]
