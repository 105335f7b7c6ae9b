// Filters the wrong items by gold label, predicted label and rule. Without
// script the form stays hidden and every item is shown.
(function () {
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var items = document.querySelectorAll("article.item");
  var shown = document.getElementById("shown");
  function apply() {
    var gold = form.elements.gold.value, predicted = form.elements.predicted.value,
        rule = form.elements.rule.value, n = 0;
    items.forEach(function (item) {
      var ok = (!gold || item.dataset.gold === gold) &&
               (!predicted || item.dataset.predicted === predicted) &&
               (!rule || item.dataset.rule === rule);
      item.hidden = !ok;
      if (ok) n++;
    });
    if (shown) shown.textContent = n + " of " + items.length + " shown";
  }
  form.addEventListener("change", apply);
  apply();
})();
