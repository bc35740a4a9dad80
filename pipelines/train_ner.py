"""Train the shipped Arabic NER model (``make model``): text, word vectors, data, character LMs, Stanza NER, ship.

Stages (``--stages``, in this order; ``all`` runs every one):

* ``text``: saudinewsnet + the corpora's sentences, tokenised by ``kg.arabic.tokenize`` (``ner_text``);
* ``vectors``: gensim skip-gram -> Stanza pretrain ``pretrain.pt`` (``ner_vectors``);
* ``data``: ANERcorp train (dev split off) + ``--extra`` corpora, leak-filtered -> Stanza JSON (``ner_data``);
* ``charlm-forward``, ``charlm-backward``: Stanza's character language models on the same text;
* ``ner``: Stanza's NER trainer with the pretrain and both character LMs;
* ``ship``: copy the four model files into ``kg/models/ar_ner`` and score them on the ANERcorp test split.

Everything is written under ``--work``; stages can run separately (the charlm stages in parallel, on a GPU if
there is one: Stanza picks CUDA when available). On 2 CPU cores the whole run takes many hours (see MODEL_CARD.md).
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

STAGES = ("text", "vectors", "data", "charlm-forward", "charlm-backward", "ner", "ship")
SHORTHAND = "ar_conflict"
#: Corpora added to ANERcorp train (chosen on the dev split; see MODEL_CARD.md).
DEFAULT_EXTRA: tuple[str, ...] = ()
MODEL_FILES = ("ner.pt", "pretrain.pt", "forward_charlm.pt", "backward_charlm.pt")

logger = logging.getLogger("train_ner")


def run_text(shared: Path, work: Path) -> None:
    from ner_text import write_text

    lines = write_text(shared, work / "text/train.txt.gz", work / "text/dev.txt.gz")
    logger.info("text: %d sentences", lines)


def run_vectors(work: Path, args: argparse.Namespace) -> None:
    from ner_vectors import train_vectors

    train_vectors(work / "text/train.txt.gz", work / "pretrain.pt", dim=args.dim, max_vocab=args.max_vocab)


def run_data(shared: Path, data_dir: Path, extra: list[str]) -> None:
    from ner_data import build_splits, write_stanza_json

    for split, sentences in build_splits(shared, extra).items():
        write_stanza_json(sentences, data_dir / f"{split}.json")
        logger.info("data: %s %d sentences", split, len(sentences))


def run_charlm(work: Path, direction: str, args: argparse.Namespace) -> None:
    from stanza.models import charlm

    charlm.main([
        "--train_file", str(work / "text/train.txt.gz"), "--eval_file", str(work / "text/dev.txt.gz"),
        "--direction", direction, "--shorthand", SHORTHAND, "--save_dir", str(work / "charlm"),
        "--save_name", f"{direction}_charlm.pt", "--vocab_save_name", f"{direction}_vocab.pt",
        "--char_hidden_dim", str(args.charlm_hidden), "--char_num_layers", "1",
        "--epochs", str(args.charlm_epochs), "--eval_steps", str(args.charlm_eval_steps),
        "--batch_size", str(args.charlm_batch), "--no_checkpoint",
    ])


def run_ner(work: Path, args: argparse.Namespace) -> None:
    from stanza.models import ner_tagger

    ner_tagger.main([
        "--train_file", str(args.data_dir / "train.json"), "--eval_file", str(args.data_dir / "dev.json"),
        "--wordvec_pretrain_file", str(work / "pretrain.pt"), "--shorthand", SHORTHAND,
        "--charlm", "--charlm_shorthand", SHORTHAND,
        "--charlm_forward_file", str(work / "charlm/forward_charlm.pt"),
        "--charlm_backward_file", str(work / "charlm/backward_charlm.pt"),
        *(["--finetune", "--finetune_load_name", str(args.ner_dir / "ner.pt")] if args.resume else []),
        "--emb_finetune_known_only", "--save_dir", str(args.ner_dir), "--save_name", "ner.pt",
        "--max_steps", str(args.ner_steps), "--max_steps_no_improve", str(args.ner_patience_steps),
        "--eval_interval", str(args.ner_eval_interval), "--lr_decay", "0.5", "--patience", "3",
        "--seed", str(args.seed),
    ])


def store_half(source: Path, target: Path) -> None:
    """Copy a Stanza model file with its float32 tensors stored as float16: half the size, and Stanza casts them
    back to float32 when it loads them into its modules."""
    import torch

    def half(value):
        if isinstance(value, torch.Tensor) and value.dtype == torch.float32:
            return value.half()
        if isinstance(value, dict):
            return {key: half(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(half(item) for item in value)
        return value

    data = torch.load(source, map_location="cpu", weights_only=True)
    torch.save(half(data), target, _use_new_zipfile_serialization=False)


def run_ship(shared: Path, work: Path, model_dir: Path, args: argparse.Namespace) -> None:
    from eval_ner import evaluate, report

    model_dir.mkdir(parents=True, exist_ok=True)
    sources = (args.ner_dir / "ner.pt", work / "pretrain.pt", work / "charlm/forward_charlm.pt",
               work / "charlm/backward_charlm.pt")
    for source, name in zip(sources, MODEL_FILES):
        store_half(source, model_dir / name)
    (model_dir / "resources.json").write_text("{}\n")  # stand-in for Stanza's download index (paths are explicit)
    print(report(evaluate(shared, model_dir)))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="folder holding corpora/")
    parser.add_argument("--work", type=Path, default=Path("work_model"), help="where intermediate files go")
    parser.add_argument("--model-dir", type=Path, default=Path(__file__).resolve().parents[1] / "kg/models/ar_ner")
    parser.add_argument("--stages", default="all", help="comma-separated subset of: " + ", ".join(STAGES))
    parser.add_argument("--extra", default=",".join(DEFAULT_EXTRA), help="corpora added to ANERcorp train")
    parser.add_argument("--data-dir", type=Path, help="training data folder (default: WORK/data)")
    parser.add_argument("--ner-dir", type=Path, help="NER model folder (default: WORK/ner)")
    parser.add_argument("--resume", action="store_true", help="continue training the NER model in --ner-dir")
    parser.add_argument("--dim", type=int, default=100, help="word vector size")
    parser.add_argument("--max-vocab", type=int, default=40_000, help="words kept in the pretrain file")
    parser.add_argument("--charlm-hidden", type=int, default=640)
    parser.add_argument("--charlm-epochs", type=int, default=7)
    parser.add_argument("--charlm-batch", type=int, default=200)
    parser.add_argument("--charlm-eval-steps", type=int, default=250)
    parser.add_argument("--ner-steps", type=int, default=3_000)
    parser.add_argument("--ner-patience-steps", type=int, default=4_000)
    parser.add_argument("--ner-eval-interval", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args(argv)
    args.data_dir = args.data_dir or args.work / "data"
    args.ner_dir = args.ner_dir or args.work / "ner"
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stages = STAGES if args.stages == "all" else tuple(args.stages.split(","))
    unknown = set(stages) - set(STAGES)
    if unknown:
        raise SystemExit(f"unknown stages: {', '.join(sorted(unknown))}")
    work = args.work
    for stage in (s for s in STAGES if s in stages):
        logger.info("stage %s", stage)
        if stage == "text":
            run_text(args.shared, work)
        elif stage == "vectors":
            run_vectors(work, args)
        elif stage == "data":
            run_data(args.shared, args.data_dir, [name for name in args.extra.split(",") if name])
        elif stage.startswith("charlm-"):
            run_charlm(work, stage.removeprefix("charlm-"), args)
        elif stage == "ner":
            run_ner(work, args)
        elif stage == "ship":
            run_ship(args.shared, work, args.model_dir, args)


if __name__ == "__main__":
    main()
