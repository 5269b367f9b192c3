"""Measuring retrieval and answers on a question set: metrics, runner, reports, comparisons.

Entry points: ``load_questions`` → ``library_system`` (or ``run_comparison``) →
``run_evaluation`` (a generator of ``EvalProgress`` returning an ``EvalReport``) → ``formatting``.
Nothing heavy is imported here.
"""

from app.core.evaluation.dataset import EvalQuestion, load_questions
from app.core.evaluation.report import Comparison, EvalReport, QuestionResult
from app.core.evaluation.runner import EvalProgress, System, run_evaluation, run_to_end

__all__ = [
    "Comparison",
    "EvalProgress",
    "EvalQuestion",
    "EvalReport",
    "QuestionResult",
    "System",
    "load_questions",
    "run_evaluation",
    "run_to_end",
]
