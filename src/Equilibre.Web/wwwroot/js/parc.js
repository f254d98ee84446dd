// Stock overview: bar charts of the tables they sit under (typology, financing). Every figure is in the table.
(function () {
    'use strict';
    const nf = new Intl.NumberFormat('fr-FR');

    function chart(id) {
        const el = document.getElementById(id);
        if (!el || typeof Chart === 'undefined') {
            return;
        }
        const data = JSON.parse(el.dataset.chart);
        new Chart(el, {
            type: 'bar',
            data: {
                labels: data.labels,
                datasets: data.series.map(s => ({ label: s.label, data: s.data, backgroundColor: '#0b4f8a' }))
            },
            options: {
                locale: 'fr-FR',
                animation: false,
                plugins: { legend: { display: false }, tooltip: { callbacks: { label: c => nf.format(c.raw) + ' logement(s)' } } },
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
            }
        });
    }

    chart('graphique-typologies');
    chart('graphique-financements');
})();
