import kg


def test_api_all_is_complete_and_importable():
    public = {name for name in dir(kg)
              if not name.startswith("_") and getattr(getattr(kg, name), "__module__", "").startswith("kg")}
    assert public <= set(kg.__all__)
    assert all(hasattr(kg, name) for name in kg.__all__)


def test_api_build_graph_from_texts():
    graph = kg.build_graph(["اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري الإيراني في البوكمال."], ner="lexicon")
    assert ("national_defence_forces", "irgc", "clash/armed_clash") in graph.edges(keys=True)
    edge = graph.edges["national_defence_forces", "irgc", "clash/armed_clash"]
    assert edge["evidence"][0]["doc"] == "doc-1" and "اشتبكت" in edge["evidence"][0]["sentence"]


def test_api_pipeline_is_pure(lexicon_pipeline):
    text = "وكانت ميليشيا لواء القدس تدين بالولاء لإيران قبل أن تستقطبها روسيا."
    assert lexicon_pipeline.extract(text) == lexicon_pipeline.extract(text)
