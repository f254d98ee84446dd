// Map of the communes of the user's résidences coloured by number of dwellings (quintiles); the table holds the same figures.
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
            const counts = data.features.map(f => f.properties.logements || 0).sort((a, b) => a - b);
            breaks = [0.2, 0.4, 0.6, 0.8].map(q => counts[Math.min(counts.length - 1, Math.floor(q * counts.length))]);
            return f => ({ color: '#444', weight: 1, fillOpacity: 0.85, fillColor: colour(f.properties.logements || 0) });
        },
        tooltip: f => f.properties.nom + ' : ' + nf.format(f.properties.logements) + ' logement(s) dans ' + nf.format(f.properties.residences) + ' résidence(s)',
        legend: () => ({
            title: 'Logements',
            entries: colours.map((c, i) => ({
                colour: c,
                label: (i === 0 ? '1' : 'plus de ' + nf.format(breaks[i - 1])) + (i < breaks.length ? ' à ' + nf.format(breaks[i]) : ' et plus')
            }))
        }),
        done: data => {
            el.dataset.communes = String(data.features.length);
            const missing = (data.sansContour || []).length;
            return nf.format(data.features.length) + ' commune(s) dessinée(s)'
                + (missing > 0 ? ', ' + nf.format(missing) + ' sans contour (commune créée depuis 2018 ou hors Grand Est).' : '.');
        }
    });
})();
