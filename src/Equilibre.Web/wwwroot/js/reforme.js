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
    if (!el || typeof L === 'undefined') {
        return;
    }
    const state = document.getElementById('carte-etat');
    const colours = ['#fee5d9', '#fcae91', '#c6dbef', '#6baed6', '#08519c'];
    fetch(el.dataset.geojson)
        .then(r => {
            if (!r.ok) {
                throw new Error('HTTP ' + r.status);
            }
            return r.json();
        })
        .then(data => {
            const features = data.features || [];
            if (features.length === 0) {
                el.hidden = true;
                state.textContent = 'Aucun contour de commune disponible pour cette région (contours fournis pour le Grand Est).';
                return;
            }
            const max = data.obligations;
            const cls = s => Math.min(colours.length - 1, Math.floor(s * colours.length / (max + 1)));
            const map = L.map(el, { zoomControl: false, zoomSnap: 0.25 });
            L.control.zoom({ zoomInTitle: 'Zoom avant', zoomOutTitle: 'Zoom arrière' }).addTo(map);
            map.attributionControl.setPrefix('Leaflet');
            map.attributionControl.addAttribution('Contours : IGN Admin Express COG 2018, Licence Ouverte');
            const layer = L.geoJSON(data, {
                style: f => {
                    const c = colours[cls(f.properties.score)];
                    return { color: c, weight: 0.6, fillOpacity: 0.9, fillColor: c };
                },
                onEachFeature: (f, l) => l.bindTooltip(f.properties.nom + ' : ' + f.properties.score + ' instrument(s) sur ' + max, { sticky: true })
            }).addTo(map);
            map.fitBounds(layer.getBounds(), { padding: [8, 8] });
            const legend = L.control({ position: 'bottomright' });
            legend.onAdd = function () {
                const div = L.DomUtil.create('div', 'legende-carte');
                const title = L.DomUtil.create('div', 'fw-semibold', div);
                title.textContent = 'Instruments en place';
                colours.forEach((c, i) => {
                    const from = Math.ceil(i * (max + 1) / colours.length);
                    const to = Math.ceil((i + 1) * (max + 1) / colours.length) - 1;
                    if (to < from) {
                        return;
                    }
                    const row = L.DomUtil.create('div', '', div);
                    const swatch = L.DomUtil.create('span', 'pastille', row);
                    swatch.style.background = c;
                    row.appendChild(document.createTextNode(from === to ? String(from) : from + ' à ' + to));
                });
                return div;
            };
            legend.addTo(map);
            const epcis = new Set(features.map(f => f.properties.siren)).size;
            el.dataset.epci = String(epcis);
            state.textContent = epcis + ' EPCI dessinés par leurs ' + features.length + ' communes.';
        })
        .catch(err => {
            state.textContent = 'La carte n\'a pas pu être chargée (' + err.message + '). Les tableaux restent disponibles.';
        });
})();
