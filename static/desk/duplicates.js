// The claim page's "possible duplicates" panel loads after the page, so that
// finding candidates never slows the page itself (desk/admin/duplicates.py).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".cd-duplicates[data-url]").forEach(function (box) {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        box.innerHTML = html;
      })
      .catch(function () {
        box.dataset.failed = "1";
      });
  });
});
