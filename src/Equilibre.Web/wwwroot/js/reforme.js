// Reform dashboard: bar chart of the rates, line chart of their evolution, map of the EPCIs by progress.
// Every figure drawn here is also in a server-rendered table on the page.
(function () {
    'use strict';
    const nf = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
    const palette = ['#0b4f8a', '#6c757d', '#c45100', '#2e7d32', '#6a1b9a', '#00838f', '#ad1457', '#5d4037'];

    function chart(id, type) {
        const el = document.getElementById(id);
        if (!el || typeof Chart === 'undefined') {
            return;
        }
        const data = JSON.parse(el.dataset.chart);
        new Chart(el, {
            type: type,
            data: {
                labels: data.labels,
                datasets: data.series.map((s, i) => ({
                    label: s.label, data: s.data, backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length], spanGaps: true
                }))
            },
            options: {
                locale: 'fr-FR',
                animation: false,
                scales: { y: { min: 0, max: 100, ticks: { callback: v => nf.format(v) + ' %' } } },
                plugins: { tooltip: { callbacks: { label: c => c.dataset.label + ' : ' + (c.raw === null ? 'non disponible' : nf.format(c.raw) + ' %') } } }
            }
        });
    }

    chart('graphique-taux', 'bar');
    chart('graphique-evolution', 'line');

    const el = document.getElementById('carte');
    const colours = ['#fee5d9', '#fcae91', '#c6dbef', '#6baed6', '#08519c'];
    const cls = (score, max) => Math.min(colours.length - 1, Math.floor(score * colours.length / (max + 1)));
    window.equilibreCarte.charger(el, document.getElementById('carte-etat'), {
        empty: 'Aucun contour de commune disponible pour cette région (contours fournis pour le Grand Est).',
        style: data => f => {
            const c = colours[cls(f.properties.score, data.obligations)];
            return { color: c, weight: 0.6, fillOpacity: 0.9, fillColor: c };
        },
        tooltip: (f, data) => f.properties.nom + ' : ' + f.properties.score + ' instrument(s) sur ' + data.obligations,
        legend: data => {
            const max = data.obligations;
            const entries = [];
            colours.forEach((c, i) => {
                const from = Math.ceil(i * (max + 1) / colours.length);
                const to = Math.ceil((i + 1) * (max + 1) / colours.length) - 1;
                if (to >= from) {
                    entries.push({ colour: c, label: from === to ? String(from) : from + ' à ' + to });
                }
            });
            return { title: 'Instruments en place', entries: entries };
        },
        done: data => {
            const epcis = new Set(data.features.map(f => f.properties.siren)).size;
            el.dataset.epci = String(epcis);
            return epcis + ' EPCI dessinés par leurs ' + data.features.length + ' communes.';
        }
    });
})();
