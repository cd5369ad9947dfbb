"""Coverage: every item the source documents list for the guide's topics appears on the site.

The lists below are the items the sources enumerate (skills, metrics, tools,
plans, pitfalls, interview formats, resume points), grouped by where they come
from. A term may appear on any page; the test names what is missing.
"""

import re

import pytest

from .conftest import ROOT

SOURCE_ITEMS = {
    "what an ML engineer does": [
        "problem framing", "data pipeline", "model development", "serving", "feature store", "drift",
        "rollback", "privacy", "security", "explainability", "fairness", "documentation",
    ],
    "three lanes": ["product", "platform", "LLM", "RAG", "prompt", "fine-tun", "safety"],
    "foundations": [
        "probability", "distribution", "Bayes", "linear algebra", "gradient", "overfitting", "generalization",
        "regularization", "cross-validation", "leakage", "class imbalance",
    ],
    "metrics and error analysis": [
        "precision", "recall", "F1", "ROC-AUC", "PR-AUC", "calibration", "top-k", "NDCG", "slice",
        "confusion matri",
    ],
    "strengths that transfer": [
        "feature transform", "schema check", "golden dataset", "idempotent", "retries", "backoff", "caching",
        "ownership", "logs", "traces", "latency budget", "throughput", "quantization", "cost",
        "debugging", "code quality", "systems", "data wrangling",
    ],
    "a sane default stack": [
        "pandas", "Polars", "SQL", "BigQuery", "Snowflake", "Delta", "scikit-learn", "PyTorch", "TensorFlow",
        "MLflow", "W&B", "Airflow", "Dagster", "Prefect", "FastAPI", "gRPC", "Spark", "Beam", "Docker",
        "Kubernetes",
    ],
    "portfolio projects and repos": [
        "demand forecasting", "fraud", "churn", "ranking", "RAG search assistant", "chunking",
        "retrieval evaluation", "fallback", "architecture diagram", "seed", "data versioning", "Dockerfile",
        "inference endpoint", "monitoring plan", "backtest",
    ],
    "interviews and resume": [
        "coding", "ML system design", "modeling deep dive", "behavioral", "STAR", "elevator pitch",
        "impact metric", "incident", "end-to-end ownership", "data contract", "collaboration",
    ],
    "abstraction stack and PyTorch": [
        "objective", "embedding", "architecture", "optimization", "holdout", "tensor", "autograd",
        "requires_grad", "backward", "zero_grad", ".step()", "forward", "loss",
    ],
    "learning paths": [
        "Fast.ai", "NumPy", "logistic regression", "linear regression", "MNIST", "Hugging Face", "Flask",
        "Weeks 1", "Month 4",
    ],
    "design checklist": [
        "non-goals", "assumptions", "constraints", "batch", "online", "streaming", "edge", "hybrid",
        "retraining",
    ],
    "pitfalls": [
        "notebook", "state of the art", "data quality", "monitoring story", "tool overload", "over-engineering",
        "skipping evaluation", "hyperparameters", "ignoring the data", "tutorial clone",
    ],
    "where engineering skills apply first": ["MLOps", "ML platform", "applied ML engineer"],
}


@pytest.fixture(scope="module")
def site_text():
    parts = [p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")]
    parts += [p.read_text(encoding="utf-8") for p in (ROOT / "data").glob("*.yml")]
    return re.sub(r"\s+", " ", " ".join(parts)).lower()


@pytest.mark.parametrize("section", sorted(SOURCE_ITEMS))
def test_every_listed_item_appears(site_text, section):
    missing = [term for term in SOURCE_ITEMS[section] if term.lower() not in site_text]
    assert not missing, f"{section}: not covered anywhere: {missing}"
