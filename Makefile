# conflict-kg: every target does its own set-up (a .venv with the CPU build of torch first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
OUT ?= out

.PHONY: install demo test lint eval model model-eval bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# the CPU build of torch that lies on this disk; installed before stanza, or pip picks a multi-GB CUDA build
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

demo: install  ## the main job: build the sample articles into out/ (map, GraphML, GEXF, extractions, report)
	$(BIN)/kg build examples/articles -o $(OUT)

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check kg tests pipelines

eval: install  ## score the sample articles against the hand annotation, with misses and extras
	$(BIN)/kg build $(SHARED)/seeds -o $(OUT)/seeds
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/seeds.gold.json $(OUT)/seeds/extractions.jsonl --verbose

model: install  ## train the shipped Arabic NER model (vectors, data, Stanza trainer, evaluation)
	$(BIN)/python pipelines/train_ner.py --shared $(SHARED)

model-eval: install  ## evaluate the shipped model on the ANERcorp test split; last line: entity F1
	$(BIN)/python pipelines/eval_ner.py --shared $(SHARED)

bench: install  ## speed and memory of the pipeline on this machine
	$(BIN)/python pipelines/benchmark.py --shared $(SHARED)

clean:
	rm -rf $(OUT) build *.egg-info
