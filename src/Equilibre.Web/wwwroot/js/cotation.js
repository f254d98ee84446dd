// Cotation preview: bar chart of the distribution of scores, draft beside the grid in force.
// The same figures are in the table next to the chart.
(function () {
    'use strict';
    const el = document.getElementById('graphique-distribution');
    if (!el || typeof Chart === 'undefined') {
        return;
    }
    const split = s => (s ? s.split('|') : []);
    const datasets = [{ label: 'Brouillon', data: split(el.dataset.brouillon).map(Number), backgroundColor: '#0b4f8a' }];
    if (el.dataset.vigueur) {
        datasets.push({ label: 'Version en vigueur', data: split(el.dataset.vigueur).map(Number), backgroundColor: '#6c757d' });
    }
    new Chart(el, {
        type: 'bar',
        data: { labels: split(el.dataset.labels), datasets: datasets },
        options: { locale: 'fr-FR', animation: false, scales: { y: { beginAtZero: true, title: { display: true, text: 'demandes' } }, x: { title: { display: true, text: 'points' } } } }
    });
})();
