// The inlines' blank rows, the ones "Add another" copies, come after the page
// (desk/admin/base.py, InlineAdminFormSet): the page holds each blank row's frame,
// with its id and classes, and this fills the frames from the same page asked with
// ?_blank_rows. A click on "Add another" before they arrive waits for them; if
// they could not be loaded, the click asks again.
(function () {
  "use strict";
  let loading = null;
  let filled = false;

  function frames() {
    const found = [];
    document.querySelectorAll(".js-inline-admin-formset").forEach(function (group) {
      let data;
      try {
        data = JSON.parse(group.dataset.inlineFormset);
      } catch (error) {
        return;
      }
      const frame = document.getElementById(data.options.prefix + "-empty");
      if (data.blankRowsLater && frame && frame.dataset.filled !== "1") {
        found.push(frame);
      }
    });
    return found;
  }

  function fill(frame, row) {
    // The frame stays the same node: the admin's inlines script copies it by id.
    frame.innerHTML = row.innerHTML;
    frame.dataset.filled = "1";
    if (frame.tagName === "TR") {
      // The "Add another" row was made as wide as the frame was.
      const add = frame.parentNode.querySelector("tr.add-row td");
      if (add) {
        add.colSpan = frame.children.length;
      }
    }
  }

  function load() {
    const todo = frames();
    if (!todo.length) {
      filled = true;
      return Promise.resolve();
    }
    const url = new URL(window.location.href);
    url.hash = "";
    url.searchParams.set("_blank_rows", "1");
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        const page = new DOMParser().parseFromString(html, "text/html");
        todo.forEach(function (frame) {
          const row = page.getElementById(frame.id);
          if (row) {
            fill(frame, row);
          }
        });
        filled = frames().length === 0;
        if (!filled) {
          return Promise.reject("missing");
        }
      });
  }

  function start() {
    loading = load().catch(function () {
      document.body.dataset.blankRowsFailed = "1";
    });
  }

  document.addEventListener(
    "click",
    function (event) {
      const link = event.target.closest ? event.target.closest(".add-row a") : null;
      if (filled || !link) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      if (!loading || document.body.dataset.blankRowsFailed) {
        delete document.body.dataset.blankRowsFailed;
        start();
      }
      loading.then(function () {
        if (filled) {
          document.querySelectorAll(".cd-blank-rows-failed").forEach(function (note) {
            note.remove();
          });
          link.click();
        } else if (!link.parentNode.querySelector(".cd-blank-rows-failed")) {
          const note = document.createElement("span");
          note.className = "cd-blank-rows-failed errornote";
          const group = link.closest(".js-inline-admin-formset");
          note.textContent = JSON.parse(group.dataset.inlineFormset).blankRowsFailed;
          link.after(note);
        }
      });
    },
    true
  );

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
