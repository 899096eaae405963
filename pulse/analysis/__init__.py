"""Leadership Pulse analysis: pure Python (polars, NumPy, SciPy, scikit-learn), no Django.

Public API
----------
Input
    :class:`InstrumentMeta` (with :class:`Item`, :class:`Dimension`, :class:`Option`,
    :class:`ChoiceQuestion`, :class:`FreeTextQuestion`, :class:`NumberQuestion`,
    :func:`layer_grid_items`, :func:`layer_dimension`) and :func:`validate_frame`.
Publication (the only path to anything shown)
    :func:`publish_wave` -> :class:`PublishedWave`.
Change between waves
    :func:`compare_waves` -> :class:`ChangeReport`.
Benchmarks between ICSs
    :func:`benchmark_icss` -> :class:`BenchmarkReport`; :func:`funnel_limits_mean`,
    :func:`funnel_limits_proportion`.
Statistics
    :func:`mean_interval`, :func:`wilson_interval`, :func:`cronbach_alpha`,
    :func:`benjamini_hochberg`, :func:`welch_test`, :func:`two_proportion_z_test`.
Free text
    :func:`redact`, :func:`extract_themes`.
Weighting
    :func:`post_stratification_weights` -> :class:`Weights`.

See ``docs/analysis.md`` for the input contract, every table and every definition.
"""

from pulse.analysis.benchmark import BenchmarkReport, benchmark_icss
from pulse.analysis.change import (
    ChangeReport,
    benjamini_hochberg,
    two_proportion_z_test,
    welch_test,
)
from pulse.analysis.change_report import compare_waves
from pulse.analysis.frame import validate_frame
from pulse.analysis.funnel import funnel_limits_mean, funnel_limits_proportion
from pulse.analysis.groups import default_breakdowns, group_id
from pulse.analysis.meta import (
    LAYERS,
    PRINCIPLES,
    ChoiceQuestion,
    Construct,
    Dimension,
    FreeTextQuestion,
    InstrumentMeta,
    Item,
    NumberQuestion,
    Option,
    layer_dimension,
    layer_grid_items,
)
from pulse.analysis.publish import PublishedWave, publish_wave
from pulse.analysis.reliability import ReliabilityResult, cronbach_alpha
from pulse.analysis.scoring import respondent_scores
from pulse.analysis.text import Theme, ThemeResult, extract_themes, redact
from pulse.analysis.uncertainty import (
    MeanEstimate,
    ProportionEstimate,
    mean_interval,
    wilson_interval,
)
from pulse.analysis.weighting import Weights, post_stratification_weights

__all__ = [
    "LAYERS",
    "PRINCIPLES",
    "BenchmarkReport",
    "ChangeReport",
    "ChoiceQuestion",
    "Construct",
    "Dimension",
    "FreeTextQuestion",
    "InstrumentMeta",
    "Item",
    "MeanEstimate",
    "NumberQuestion",
    "Option",
    "ProportionEstimate",
    "PublishedWave",
    "ReliabilityResult",
    "Theme",
    "ThemeResult",
    "Weights",
    "benchmark_icss",
    "benjamini_hochberg",
    "compare_waves",
    "cronbach_alpha",
    "default_breakdowns",
    "extract_themes",
    "funnel_limits_mean",
    "funnel_limits_proportion",
    "group_id",
    "layer_dimension",
    "layer_grid_items",
    "mean_interval",
    "post_stratification_weights",
    "publish_wave",
    "redact",
    "respondent_scores",
    "two_proportion_z_test",
    "validate_frame",
    "welch_test",
    "wilson_interval",
]
