// After htmx swaps in a new page part, keyboard and screen-reader users land where a full page
// load would put them: on the field marked autofocus (htmx does that), else on the main heading.
// Without JavaScript this file does nothing and every page works as a plain form.
document.addEventListener("htmx:afterSettle", function () {
  var actief = document.activeElement;
  if (actief && actief !== document.body && document.body.contains(actief)) {
    return;
  }
  var kop = document.querySelector("#inhoud h1");
  if (kop) {
    kop.setAttribute("tabindex", "-1");
    kop.focus();
  }
});
