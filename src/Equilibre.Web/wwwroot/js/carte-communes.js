// Map of an EPCI's communes coloured by population (quintiles); the communes table holds the same figures.
(function () {
    'use strict';
    const el = document.getElementById('carte');
    const nf = new Intl.NumberFormat('fr-FR');
    const colours = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
    let breaks = [];
    const colour = v => colours[breaks.filter(b => v > b).length];

    window.equilibreCarte.charger(el, document.getElementById('carte-etat'), {
        empty: 'Aucun contour disponible pour ces communes (contours fournis pour le Grand Est uniquement).',
        style: data => {
            const pops = data.features.map(f => f.properties.population || 0).sort((a, b) => a - b);
            breaks = [0.2, 0.4, 0.6, 0.8].map(q => pops[Math.min(pops.length - 1, Math.floor(q * pops.length))]);
            return f => ({ color: '#444', weight: 1, fillOpacity: 0.85, fillColor: colour(f.properties.population || 0) });
        },
        tooltip: f => f.properties.nom + ' : ' + nf.format(f.properties.population || 0) + ' habitants',
        legend: () => ({
            title: 'Population',
            entries: colours.map((c, i) => ({
                colour: c,
                label: (i === 0 ? '0' : 'plus de ' + nf.format(breaks[i - 1])) + (i < breaks.length ? ' à ' + nf.format(breaks[i]) : ' et plus')
            }))
        }),
        done: data => {
            el.dataset.communes = String(data.features.length);
            const missing = (data.sansContour || []).length;
            return nf.format(data.features.length) + ' communes dessinées'
                + (missing > 0 ? ', ' + nf.format(missing) + ' sans contour (commune créée depuis 2018 ou hors Grand Est).' : '.');
        }
    });
})();
