// Draws the referral statistics charts from the JSON the page embeds; the
// tables beside each chart carry the same figures for screen readers and
// for browsers without JavaScript.
(function () {
    "use strict";
    var source = document.getElementById("chart-data");
    if (!source || typeof window.Chart === "undefined") {
        return;
    }
    var data = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
        var chart = data[canvas.dataset.chart];
        if (!chart) {
            return;
        }
        new window.Chart(canvas, {
            type: "bar",
            data: {
                labels: chart.labels,
                datasets: [{label: chart.label, data: chart.values, backgroundColor: "#0b4f8a"}],
            },
            options: {animation: false, plugins: {legend: {display: false}}, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}},
        });
    });
})();
