// Targets dashboard: rates beside their thresholds, as bars, from the table above the chart (every figure is in it).
(function () {
    'use strict';
    const el = document.getElementById('graphique-ensemble');
    if (!el || typeof Chart === 'undefined') {
        return;
    }
    const data = JSON.parse(el.dataset.chart);
    const pct = v => v === null ? 'sans objet' : v.toLocaleString('fr-FR') + ' %';
    new Chart(el, {
        type: 'bar',
        data: {
            labels: data.labels,
            datasets: [
                { label: 'Taux', data: data.rates, backgroundColor: '#0b4f8a' },
                { label: 'Seuil', data: data.thresholds, backgroundColor: '#c9d3df', borderColor: '#333', borderWidth: 1 }
            ]
        },
        options: {
            locale: 'fr-FR',
            animation: false,
            plugins: { tooltip: { callbacks: { label: c => c.dataset.label + ' : ' + pct(c.raw) } } },
            scales: { y: { beginAtZero: true, max: 100, ticks: { callback: v => v + ' %' } } }
        }
    });
})();
