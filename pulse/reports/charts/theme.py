"""NHS colours and type for charts (NHS identity guidelines), safe for colour-blind readers.

Blue against orange and yellow is told apart with every common colour-vision deficiency; values
are printed on the marks and every chart has a table, so colour never carries meaning alone.
"""

from typing import Any

BLUE = "#005eb8"
DARK_BLUE = "#003087"
LIGHT_BLUE = "#41b6e6"
AQUA_GREEN = "#00a499"
WARM_YELLOW = "#ffb81c"
ORANGE = "#ed8b00"
GREY = "#768692"
PALE_GREY = "#d8dde0"
TEXT = "#212b32"
SECONDARY_TEXT = "#4c6272"
#: Browsers use Arial; vl-convert measures labels with Liberation Sans (Arial's metrics).
FONT = "Arial, Liberation Sans, sans-serif"
WIDTH = 520

#: Answer scale: disagreement in orange and yellow, agreement in blues, neutral in grey.
AGREEMENT_COLOURS = {
    "1": ORANGE,
    "2": WARM_YELLOW,
    "3": PALE_GREY,
    "4": LIGHT_BLUE,
    "5": BLUE,
}
#: Label colour that keeps contrast on each segment.
AGREEMENT_TEXT = {"1": TEXT, "2": TEXT, "3": TEXT, "4": TEXT, "5": "#ffffff"}


def config() -> dict[str, Any]:
    """Vega-Lite config shared by every chart."""
    axis = {
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": 13,
        "titleFontSize": 13,
        "titleFontWeight": "normal",
        "labelColor": TEXT,
        "titleColor": TEXT,
        "gridColor": "#e8edee",
        "domainColor": SECONDARY_TEXT,
        "tickColor": SECONDARY_TEXT,
        "labelLimit": 260,
    }
    return {
        "font": FONT,
        "background": "#ffffff",
        "view": {"stroke": None},
        "axis": axis,
        "legend": {
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": 13,
            "titleFontSize": 13,
            "labelColor": TEXT,
            "titleColor": TEXT,
            "orient": "bottom",
            "labelLimit": 260,
        },
        "text": {"font": FONT, "fontSize": 13, "color": TEXT},
        "title": {"font": FONT},
    }
