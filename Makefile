# conflict-kg: every target does its own set-up (a .venv with the CPU build of torch first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
OUT ?= out

.PHONY: install demo test lint eval eval-corpus corpus relation-model model model-eval bench clean
SPLIT ?= dev

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

eval: install  ## score the sample articles (learned and rule extractors), with misses and extras
	$(BIN)/kg build $(SHARED)/seeds -o $(OUT)/seeds
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/seeds.gold.json $(OUT)/seeds/extractions.jsonl --verbose
	$(BIN)/kg build $(SHARED)/seeds --relations rules -o $(OUT)/seeds-rules
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/seeds.gold.json $(OUT)/seeds-rules/extractions.jsonl

corpus: install  ## assemble and check pipelines/corpus/gold.{train,dev,test}.json from the annotations
	$(BIN)/python pipelines/corpus/build_gold.py

eval-corpus: install  ## SPLIT=dev|test: score a corpus split, learned and rule extractors, misses and extras
	$(BIN)/python pipelines/corpus/split_articles.py $(SPLIT) $(OUT)/corpus-$(SPLIT)/articles
	$(BIN)/kg build $(OUT)/corpus-$(SPLIT)/articles -o $(OUT)/corpus-$(SPLIT)/learned
	$(BIN)/python $(SHARED)/eval/score.py pipelines/corpus/gold.$(SPLIT).json $(OUT)/corpus-$(SPLIT)/learned/extractions.jsonl --verbose
	$(BIN)/kg build $(OUT)/corpus-$(SPLIT)/articles --relations rules -o $(OUT)/corpus-$(SPLIT)/rules
	$(BIN)/python $(SHARED)/eval/score.py pipelines/corpus/gold.$(SPLIT).json $(OUT)/corpus-$(SPLIT)/rules/extractions.jsonl

relation-model: install  ## train the learned relation extractor on the corpus (train; chosen on dev; test printed)
	$(BIN)/python pipelines/train_relations.py --shared $(SHARED)

model: install  ## train the shipped Arabic NER model (vectors, data, Stanza trainer, evaluation)
	$(BIN)/python pipelines/train_ner.py --shared $(SHARED)

model-eval: install  ## evaluate the shipped model on the ANERcorp test split; last line: entity F1
	$(BIN)/python pipelines/eval_ner.py --shared $(SHARED)

bench: install  ## speed and memory of the pipeline on this machine
	$(BIN)/python pipelines/benchmark.py --shared $(SHARED)

clean:
	rm -rf $(OUT) build *.egg-info
