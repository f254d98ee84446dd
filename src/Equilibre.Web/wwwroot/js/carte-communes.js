// Map of an EPCI's communes: GeoJSON from the API, no tile server (every request stays on this server).
(function () {
    'use strict';
    const el = document.getElementById('carte');
    if (!el || typeof L === 'undefined') {
        return;
    }
    const state = document.getElementById('carte-etat');
    const nf = new Intl.NumberFormat('fr-FR');
    const colours = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];

    fetch(el.dataset.geojson, { headers: { Accept: 'application/geo+json' } })
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
                state.textContent = 'Aucun contour disponible pour ces communes (contours fournis pour le Grand Est uniquement).';
                return;
            }
            const pops = features.map(f => f.properties.population || 0).sort((a, b) => a - b);
            const breaks = [0.2, 0.4, 0.6, 0.8].map(q => pops[Math.min(pops.length - 1, Math.floor(q * pops.length))]);
            const colour = v => colours[breaks.filter(b => v > b).length];

            const map = L.map(el, { zoomControl: false, zoomSnap: 0.25 });
            L.control.zoom({ zoomInTitle: 'Zoom avant', zoomOutTitle: 'Zoom arrière' }).addTo(map);
            map.attributionControl.setPrefix('Leaflet');
            map.attributionControl.addAttribution('Contours : IGN Admin Express COG 2018, Licence Ouverte');
            const layer = L.geoJSON(data, {
                style: f => ({ color: '#444', weight: 1, fillOpacity: 0.85, fillColor: colour(f.properties.population || 0) }),
                onEachFeature: (f, l) => l.bindTooltip(f.properties.nom + ' : ' + nf.format(f.properties.population || 0) + ' habitants', { sticky: true })
            }).addTo(map);
            map.fitBounds(layer.getBounds(), { padding: [8, 8] });

            const legend = L.control({ position: 'bottomright' });
            legend.onAdd = function () {
                const div = L.DomUtil.create('div', 'legende-carte');
                const title = L.DomUtil.create('div', 'fw-semibold', div);
                title.textContent = 'Population';
                const bounds = [0].concat(breaks);
                colours.forEach((c, i) => {
                    const row = L.DomUtil.create('div', '', div);
                    const swatch = L.DomUtil.create('span', 'pastille', row);
                    swatch.style.background = c;
                    const upper = i < breaks.length ? ' à ' + nf.format(breaks[i]) : ' et plus';
                    row.appendChild(document.createTextNode((i === 0 ? '0' : 'plus de ' + nf.format(bounds[i])) + upper));
                });
                return div;
            };
            legend.addTo(map);
            el.dataset.communes = String(features.length);
            const missing = (data.sansContour || []).length;
            state.textContent = nf.format(features.length) + ' communes dessinées' + (missing > 0 ? ', ' + nf.format(missing) + ' sans contour (commune créée depuis 2018 ou hors Grand Est).' : '.');
        })
        .catch(err => {
            state.textContent = 'La carte n\'a pas pu être chargée (' + err.message + '). Le tableau des communes reste disponible.';
        });
})();
