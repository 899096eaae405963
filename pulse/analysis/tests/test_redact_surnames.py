from pulse.analysis.text.redact import redact


def test_an_unlisted_surname_after_a_forename_is_redacted_with_it() -> None:
    assert redact("Sarah Okonkwo runs the forum") == "[name] runs the forum"
    assert redact("Thanks to Mark Ellison for the time") == "Thanks to [name] for the time"


def test_an_everyday_word_name_alone_is_kept() -> None:
    assert redact("Mark the date in the diary") == "Mark the date in the diary"
    assert (
        redact("We need more grace and faith in each other")
        == "We need more grace and faith in each other"
    )
