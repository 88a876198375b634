// The importer's review screen: the claimant field suggests existing Sources
// (ingest:sources) and says whether what is typed is a known Source or a new one.
"use strict";
(function () {
  const form = document.getElementById("ingest-review");
  if (!form) return;
  const url = form.dataset.sourcesUrl;
  const list = document.createElement("datalist");
  list.id = "ingest-sources";
  form.appendChild(list);
  let known = new Set();
  let timer = null;

  function mark(input) {
    const tag = input.parentElement.querySelector(".ingest-source-state");
    if (!tag) return;
    const isKnown = known.has(input.value.trim().toLowerCase());
    tag.textContent = isKnown ? tag.dataset.known : tag.dataset.new;
    tag.classList.toggle("ingest-new", !isKnown);
  }

  async function lookup(input) {
    const q = input.value.trim();
    if (q.length < 2) return;
    const response = await fetch(url + "?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) return;
    const data = await response.json();
    list.replaceChildren(
      ...data.results.map((source) => {
        const option = document.createElement("option");
        option.value = source.name;
        option.label = source.name + " (" + source.kind + ")";
        return option;
      }),
    );
    data.results.forEach((source) => known.add(source.name.toLowerCase()));
    mark(input);
  }

  form.querySelectorAll("input[name$='-claimant']").forEach((input) => {
    input.setAttribute("list", "ingest-sources");
    input.setAttribute("autocomplete", "off");
    const tag = input.parentElement.querySelector(".ingest-source-state");
    if (tag && tag.textContent.trim() === tag.dataset.known) {
      known.add(input.value.trim().toLowerCase());
    }
    input.addEventListener("input", () => {
      clearTimeout(timer);
      mark(input);
      timer = setTimeout(() => lookup(input), 200);
    });
  });
})();
