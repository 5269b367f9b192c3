"""Screenshots of the model states: loading, a cited answer, no documents, a LoRA per collection.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots_models.py \
        --model /work/cache/models/SmolLM2-135M-Instruct.Q4_1.gguf [--out docs/screenshots]

Everything is real: the window, indexing with the default embedder, the GGUF model loading and
writing, and a peft LoRA (random weights, SmolLM2's shapes) attached to the collection.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.screenshots import Shooter, make_samples  # noqa: E402

COLLECTION = "Han River"


def make_lora(gguf: Path, target: Path) -> Path:
    """A LoRA in SmolLM2's shapes; its weights are random, which is all a screenshot needs."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoConfig, AutoModelForCausalLM

    config = AutoConfig.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    torch.manual_seed(0)
    base = AutoModelForCausalLM.from_config(config)
    lora = LoraConfig(r=8, lora_alpha=16, target_modules=["q_proj", "v_proj"])
    get_peft_model(base, lora).save_pretrained(str(target))
    return target


class ModelShooter(Shooter):
    def models(self, samples: list[Path], gguf: Path, lora: Path) -> None:
        from app.core.models.adapters import AdapterRegistry
        from app.core.models.importer import import_model
        from app.core.models.registry import ModelRegistry

        w = self.window
        self.wait(lambda: w.welcome.machine_text.text() != "Looking at this computer…", 60)
        w.welcome.start_button.click()
        self.settle(0.5)
        w._finish_welcome()
        w.collection_actions.index_paths(COLLECTION, samples)
        self.wait(lambda: not w.indexing.busy and w.collections.rowCount() > 0, 600)
        self.wait(lambda: not w.indexing.busy, 600)
        base = import_model(gguf, ModelRegistry(self.settings.layout))
        adapters = AdapterRegistry(self.settings.layout, w.services.library().catalog)
        adapter = adapters.add(lora, base.id, name="River reports LoRA")
        self.settle(2.0)  # the registry watcher puts the model in the picker

        w.models.choose(base.id)
        w.chat_page.composer.set_text("How much did dissolved oxygen improve, and why?")
        w.chat_page.composer.submit()
        self.settle(3.0)
        self.shot("09-model-loading.png")
        self.wait(lambda: not w.models.loading and not w.chat.busy, 900)
        w.chat_page.view.flush()
        row = w.chat.model.rowCount() - 1
        cited = w.chat.model.message(row).cited or [1]
        w.sources_controller.open_citation(row, cited[0])
        self.wait(lambda: w.sources_pane.viewer.pdf.highlight_page() is not None, 30)
        self.shot("03-answer-with-source.png")

        dialog = w.collection_actions.open_settings(COLLECTION)
        self.wait(lambda: dialog.adapter_box.count() > 1, 30)
        dialog.adapter_box.setCurrentIndex(dialog.adapter_box.findData(adapter.id))
        dialog.attach()
        self.wait(lambda: dialog.current.text() == adapter.name, 30)
        self.settle()
        dialog.grab().save(str(self.out / "11-lora-collection.png"))
        print(f"saved {self.out / '11-lora-collection.png'}")
        dialog.close()

        w.new_chat()
        w.sources_controller.set_visible(False)
        w.chat_page.header.scope.choose_no_documents()
        self.ask("Write two short sentences about rivers in spring.")
        self.shot("10-no-documents.png")
        w.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--model", type=Path, required=True, help="a .gguf file")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pagefold-shots-") as tmp:
        os.environ["PAGEFOLD_HOME"] = str(Path(tmp) / "data")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        lora = make_lora(args.model, Path(tmp) / "river-lora")
        samples = make_samples(Path(tmp) / "docs")
        ModelShooter(args.out, str(args.model)).models(samples, args.model, lora)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
