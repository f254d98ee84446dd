// Shared map drawing: GeoJSON from this server on a blank background (no tile server), French controls,
// a legend, and a status line for screen readers. Every map sits beside a table holding the same figures.
window.equilibreCarte = (function () {
    'use strict';

    /**
     * Loads el.dataset.geojson and draws it.
     * options.style(feature) → Leaflet path style; options.tooltip(feature) → text;
     * options.legend(data) → { title, entries: [{ colour, label }] }; options.done(data) → status text;
     * options.empty → status text when there is nothing to draw.
     */
    function charger(el, state, options) {
        if (!el || typeof L === 'undefined') {
            return;
        }
        fetch(el.dataset.geojson, { headers: { Accept: 'application/geo+json' } })
            .then(r => {
                if (!r.ok) {
                    throw new Error('HTTP ' + r.status);
                }
                return r.json();
            })
            .then(data => {
                if (!data.features || data.features.length === 0) {
                    el.hidden = true;
                    state.textContent = options.empty;
                    return;
                }
                const map = L.map(el, { zoomControl: false, zoomSnap: 0.25 });
                L.control.zoom({ zoomInTitle: 'Zoom avant', zoomOutTitle: 'Zoom arrière' }).addTo(map);
                map.attributionControl.setPrefix('Leaflet');
                map.attributionControl.addAttribution('Contours : IGN Admin Express COG 2018, Licence Ouverte');
                const layer = L.geoJSON(data, {
                    style: options.style(data),
                    onEachFeature: (f, l) => l.bindTooltip(options.tooltip(f, data), { sticky: true })
                }).addTo(map);
                map.fitBounds(layer.getBounds(), { padding: [8, 8] });
                const legend = options.legend(data);
                const control = L.control({ position: 'bottomright' });
                control.onAdd = function () {
                    const div = L.DomUtil.create('div', 'legende-carte');
                    L.DomUtil.create('div', 'fw-semibold', div).textContent = legend.title;
                    legend.entries.forEach(e => {
                        const row = L.DomUtil.create('div', '', div);
                        L.DomUtil.create('span', 'pastille', row).style.background = e.colour;
                        row.appendChild(document.createTextNode(e.label));
                    });
                    return div;
                };
                control.addTo(map);
                state.textContent = options.done(data);
            })
            .catch(err => {
                state.textContent = 'La carte n\'a pas pu être chargée (' + err.message + '). Le tableau reste disponible.';
            });
    }

    return { charger: charger };
})();
