import pytest

from policy_lint.text import cues


def _negated(sentence: str, word: str) -> str | None:
    start = sentence.index(word)
    return cues.negated_by(sentence, start, start + len(word))


# PITFALLS P53: the three sentences of the repro.
def test_p53_prohibition_is_not_negation():
    s = "Racism is not tolerated and leads to disciplinary action."
    assert _negated(s, "Racism") is None
    assert _negated(s, "disciplinary action") is None


def test_p53_missing_process_is_negated():
    s = "We do not currently have a process to report racism."
    assert _negated(s, "process") == "not"
    assert _negated(s, "report") == "not"


def test_p53_not_true_that_negates_the_rest():
    s = "It is not true that racism leads to disciplinary action here."
    assert _negated(s, "disciplinary action") == "not"


@pytest.mark.parametrize(
    "sentence, word, cue",
    [
        ("The provider is not required to report racist incidents.", "report", "not"),
        ("The Provider shall not be required to report racist incidents.", "report", "not"),
        ("There is no process for logging, recording or responding to racism.", "responding", "no"),
        ("No training will be offered to staff.", "training", "No"),
        ("We have not yet introduced anti-racism training.", "training", "not"),
        ("We don't log racist incidents.", "log", "n't"),
        ("A process to respond to racism is not in place.", "respond", "not"),
        ("We are yet to agree a timescale.", "timescale", "are yet to"),
        ("The Authority has no right to audit records on discrimination.", "audit", "no"),
    ],
)
def test_negations(sentence, word, cue):
    assert _negated(sentence, word) == cue


@pytest.mark.parametrize(
    "sentence, word",
    [
        ("Staff must not use racist language.", "racist language"),
        ("There is no place for racism in our service.", "racism"),
        ("No form of racism will be tolerated.", "racism"),
        ("We will not tolerate racism and will dismiss anyone found guilty.", "dismiss"),
        ("We do not discriminate on grounds of race.", "race"),
        ("Complaints are answered no later than 10 days after receipt.", "answered"),
        ("The Supplier shall impose obligations no less onerous than these.", "impose"),
        ("It is not enough to be non-racist; we will be anti-racist.", "anti-racist"),
        ("No racist incident will go unreported or unchallenged.", "racist incident"),
        ("The Authority may terminate if the Supplier does not comply with clause 9.", "terminate"),
        ("The Board will challenge partners who do not meet the Charter.", "challenge"),
        # A comma before a new predicate ends the negated clause.
        ("All incidents, including those observed but not reported, must be recorded.", "recorded"),
    ],
)
def test_not_negated(sentence, word):
    assert _negated(sentence, word) is None


def test_cue_inside_the_match_does_not_cancel_it():
    s = "Racist abuse will not be tolerated."
    start = s.index("will not be tolerated")
    assert cues.negated_by(s, start, start + len("will not be tolerated")) is None


@pytest.mark.parametrize(
    "sentence, word, doc_type, cue",
    [
        ("Where possible, we will log racist incidents.", "log", "policy", "Where possible"),
        ("We aim to respond to complaints about racism.", "respond", "policy", "aim to"),
        ("Managers may consider disciplinary action.", "disciplinary", "policy", "may"),
        ("Staff should report racism to their manager.", "report", "contract", "should"),
        ("Staff should consider reporting racism.", "reporting", "policy", "consider"),
        ("We will explore anti-racism training.", "training", "policy", "explore"),
        (
            "Training will be offered where resources allow.",
            "Training",
            "policy",
            "where resources allow",
        ),
    ],
)
def test_weak(sentence, word, doc_type, cue):
    start = sentence.index(word)
    assert cues.weak_cue(sentence, start, start + len(word), doc_type) == cue


@pytest.mark.parametrize(
    "sentence, word, doc_type",
    [
        ("Staff should report racism to their manager.", "report", "policy"),
        ("Staff should report racism to their manager.", "report", "code_of_conduct"),
        ("Any incident that may occur must be logged.", "logged", "policy"),
        ("Staff may not use racist language.", "racist", "policy"),
        ("All staff must complete anti-racism training.", "training", "contract"),
        # A weak cue in another clause does not weaken this one.
        ("Incidents must be logged; managers may also inform HR.", "logged", "policy"),
    ],
)
def test_firm(sentence, word, doc_type):
    start = sentence.index(word)
    assert cues.weak_cue(sentence, start, start + len(word), doc_type) is None


def test_mask_quotes_keeps_length_and_blanks_quotations():
    s = "The charter says \"racism is unacceptable\" and the child's 'one size' view."
    masked = cues.mask_quotes(s)
    assert len(masked) == len(s)
    assert "racism" not in masked
    assert "one size" not in masked
    assert "child's" in masked  # an apostrophe is not a quotation mark


def test_quoted_spans_exact():
    s = "Use \"ethnicity\" rather than 'race'."
    assert cues.quoted_spans(s) == [(4, 15), (28, 34)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Avoid labels such as aggressive or hostile.", True),
        ("Avoid describing parents as hostile.", True),
        ("Do not write that the family is hard to reach.", True),
        ("Examples of poor wording include the following.", True),
        ("We will avoid delay in responding to complaints.", False),
        ("Staff must never use racist language.", False),
    ],
)
def test_avoid_examples(sentence, expected):
    assert cues.is_avoid_example(sentence) is expected


def test_avoid_headings():
    assert cues.is_avoid_heading("Wording to avoid")
    assert cues.is_avoid_heading("Examples of poor practice")
    assert not cues.is_avoid_heading("Reporting racism")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(
    [
        "not",
        "no",
        "never",
        "must",
        "may",
        "should",
        "racism",
        "'",
        '"',
        ",",
        ";",
        "if",
        "who",
        "tolerated",
        "be",
        "required",
        "staff",
        "report",
        "where",
        "possible",
        "n't",
        "-",
        " ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_cues_never_fail_and_keep_offsets(text):
    masked = cues.mask_quotes(text)
    assert len(masked) == len(text)
    for cs, ce, qs, qe in cues.negations(text):
        assert 0 <= cs <= qs < qe <= ce <= len(text)
    spans = cues.clauses(text)
    assert spans[-1][1] == len(text)
    if text:
        cues.weak_cue(text, 0, 1, "contract")
        cues.negated_by(text, 0, len(text))


def test_contrastive_not_cancels_only_what_follows_it():
    s = "Their ethnicity must be recorded as they describe it, not as the worker perceives it."
    assert _negated(s, "recorded") is None
    assert _negated(s, "worker") == "not"
    # Without the comma the clause is one, and a plain negation still cancels it.
    s2 = "Their ethnicity is not recorded as they describe it."
    assert _negated(s2, "recorded") == "not"


@pytest.mark.parametrize(
    "sentence, operative",
    [
        (
            "No one will be discriminated against on the grounds of age, race, religion or sex.",
            True,
        ),
        (
            "Staff and volunteers are treated equally regardless of race, colour, religion or age.",
            True,
        ),
        (
            "Employees must not make comments about a person's race, ethnicity, religion or sex.",
            True,
        ),
        (
            "Supplier shall not discriminate against a Worker based on age, race or sex.",
            True,
        ),
        ("The protected characteristics are: age, disability, race, religion and sex.", False),
        (
            "The Equality Act protects people from discrimination because of age, race or sex.",
            False,
        ),
        ("We collect data on the age, disability, race and sex of applicants.", False),
        ("Our workforce includes people of every age, race and religion.", False),
    ],
)
def test_operative_grounds(sentence, operative):
    assert cues.operative_grounds(sentence, sentence.index("race")) is operative


def test_operative_grounds_stops_at_a_semicolon():
    s = "Discrimination is prohibited; the characteristics we record are age, race and sex."
    assert cues.operative_grounds(s, s.index("race")) is False


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A breach of this code may be dealt with under the Disciplinary Procedure.", True),
        ("Failure to comply with this policy may lead to dismissal.", True),
        ("Breaches of this policy will be investigated.", True),
        ("A breach of the data protection policy must be reported.", False),
        ("This code applies to every employee.", False),
    ],
)
def test_refers_to_whole_document(sentence, expected):
    assert cues.refers_to_whole_document(sentence) is expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Employees must not make racist comments.", True),
        ("Racism will not be tolerated.", True),
        ("Racist language is prohibited.", True),
        ("At our away day the trustees read a passage from the Anti-Racism Charter.", False),
    ],
)
def test_is_duty(sentence, expected):
    assert cues.is_duty(sentence) is expected


@pytest.mark.parametrize(
    "sentence, word, cue",
    [
        ("We are working to be an anti-racist service.", "anti-racist", "working to be"),
        ("We are working towards becoming anti-racist.", "anti-racist", "working towards"),
        ("The trust works toward an anti-racist culture.", "anti-racist", "works toward"),
    ],
)
def test_working_towards_is_weak(sentence, word, cue):
    start = sentence.index(word)
    assert cues.weak_cue(sentence, start, start + len(word)) == cue


def test_working_with_is_not_weak():
    s = "We are working with schools to tackle racism."
    assert cues.weak_cue(s, s.index("racism"), s.index("racism") + 6) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Dignity at Work Policy; Sickness Absence Policy; Workforce Race Equality Strategy.",
            True,
        ),
        ("Equality & Diversity Policy", True),
        ("Hate Motivated Behavior Exemplar Policy", True),
        ("Racist incidents are dealt with under the Disciplinary Policy.", False),
        ("Northbrook Council", False),
        ("We Will Tackle Racism", False),
    ],
)
def test_is_name_list(text, expected):
    assert cues.is_name_list(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Racist incident means any incident perceived to be racist by the victim.", True),
        ("'Anti-Racism Standards' means the Council's Anti-Racism Standards.", True),
        ("1.2 Compensation shall mean the sums payable under clause 9.", True),
        ("In this policy, racism is defined as prejudice plus power.", True),
        ("Racism means that some children fare worse, so we will act on it.", True),
        ("All racist incidents must be recorded, which means staff log them on CPOMS.", False),
        ("We will respond to racist incidents within 24 hours.", False),
    ],
)
def test_is_definition(text, expected):
    assert cues.is_definition(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Equal Opportunity (SEP 2016)", True),
        ("1.5 Complaints", True),
        ("Racism is never acceptable.", False),
        ("We record all racist incidents on CPOMS and review them each term", False),
    ],
)
def test_is_title_line(text, expected):
    assert cues.is_title_line(text) is expected


@pytest.mark.parametrize(
    "sentence, word",
    [
        ("The team will arrange a professional interpreter at no cost.", "interpreter"),
        ("Interpreters are provided free of charge.", "Interpreters"),
    ],
)
def test_no_cost_is_not_negation(sentence, word):
    assert _negated(sentence, word) is None


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("Every case review must consider the child's ethnicity.", None),
        ("Audits shall always consider ethnicity and culture.", None),
        ("Reviewers are required to consider ethnicity.", None),
        ("The panel will consider ethnicity where relevant.", "consider"),
        ("Reviewers should consider ethnicity.", "consider"),
    ],
)
def test_must_consider_is_firm(sentence, cue):
    start = sentence.index("ethnicity")
    assert cues.weak_cue(sentence, start, start + 9) == cue
