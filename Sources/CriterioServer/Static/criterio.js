// Criterio: lo poco que hace JavaScript en las páginas. Sin él todo funciona igual.
(function () {
  "use strict";
  // Confirmación antes de rechazar, reabrir, retirar o revocar.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirmar]");
    if (button && !window.confirm(button.getAttribute("data-confirmar"))) { event.preventDefault(); }
    if (button && button.form && ["rechazar", "reabrir"].indexOf(button.value) >= 0) {
      var box = button.form.querySelector("input[name=confirmar]");
      if (box) { box.checked = true; }
    }
  });
  // Cuentas regresivas: el tiempo que falta hasta el plazo, cada 30 segundos.
  function texto(ms) {
    var minutos = Math.floor(Math.abs(ms) / 60000), horas = Math.floor(minutos / 60), resto = minutos % 60;
    var duracion = horas > 0 ? horas + " h" + (resto ? " " + resto + " min" : "") : minutos + " min";
    return ms >= 0 ? "faltan " + duracion : "venció hace " + duracion;
  }
  var cargada = Date.now();
  function actualizar() {
    var transcurrido = Date.now() - cargada;
    document.querySelectorAll(".cuenta[data-vence]").forEach(function (el) {
      var vence = Date.parse(el.getAttribute("data-vence")), ahora = Date.parse(el.getAttribute("data-ahora"));
      if (!isNaN(vence) && !isNaN(ahora)) { el.textContent = texto(vence - ahora - transcurrido); }
    });
  }
  if (document.querySelector(".cuenta[data-vence]")) { window.setInterval(actualizar, 30000); }
})();
