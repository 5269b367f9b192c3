"""Time to first token of a chat's third turn, without and with KV prefix reuse.

The same three-turn chat (a system prompt with sources, as Pagefold sends, and two earlier
turns) runs twice in one process on the same loaded model: once with the runtime's prefix cache
off (every turn recomputes the whole history: the baseline) and once with it on. Greedy; the
third turn's answers must match. Medians of ``--repeat`` runs.

    .venv/bin/python benchmarks/kv_reuse.py --model MODEL_FOLDER_OR_GGUF [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SOURCES = "\n".join(
    f"[{i}] The report's section {i} explains how the library stores pages, passages and "
    f"vectors, and how answers cite the page they came from. Figure {i} shows the layout."
    for i in range(1, 9)
)
SYSTEM = "Answer the question from the numbered sources only, citing them as [n].\n" + SOURCES
QUESTIONS = ["Where are the vectors stored?", "How are pages cited?", "What does figure 3 show?"]


def chat(runtime, reuse: bool) -> tuple[float, str]:
    """Run three turns; the third turn's TTFT and answer."""
    runtime.prefix.enabled = reuse
    runtime.prefix.clear()
    messages = [{"role": "system", "content": SYSTEM}]
    ttft, answer = 0.0, ""
    for question in QUESTIONS:
        messages.append({"role": "user", "content": question})
        started, first, pieces = time.perf_counter(), None, []
        for piece in runtime.stream(messages, max_new_tokens=32, temperature=0.0):
            first = first or time.perf_counter()
            pieces.append(piece)
        answer = "".join(pieces)
        ttft = (first or time.perf_counter()) - started
        messages.append({"role": "assistant", "content": answer})
    return ttft, answer


def main() -> None:
    from app.core.models.runtime import ModelRuntime
    from app.core.models.spec import spec_from_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runtime = ModelRuntime()
    info = runtime.load(spec_from_path(args.model))
    chat(runtime, True)  # warm-up
    off, on, answers = [], [], set()
    for _ in range(args.repeat):  # alternate, so load on the machine hits both alike
        t, a = chat(runtime, False)
        off.append(t)
        answers.add(a)
        t, a = chat(runtime, True)
        on.append(t)
        answers.add(a)
    prompt = runtime.count_prompt_tokens([{"role": "system", "content": SYSTEM}])
    print(f"{info.name} on {info.device}; system prompt {prompt} tokens; medians of {args.repeat}")
    print("| third turn | time to first token |\n|---|---|")
    print(f"| whole history recomputed (before) | {statistics.median(off):.2f} s |")
    print(f"| unchanged prefix reused (after) | {statistics.median(on):.2f} s |")
    print(f"same answer with and without reuse: {len(answers) == 1}")


if __name__ == "__main__":
    main()
