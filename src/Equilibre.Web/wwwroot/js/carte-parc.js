// Map of the communes of the user's résidences coloured by number of dwellings (quintiles); the table holds the same figures.
(function () {
    'use strict';
    const el = document.getElementById('carte');
    const nf = new Intl.NumberFormat('fr-FR');
    const colours = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
    let breaks = [];
    // Few communes give repeated quintiles: keep distinct breaks and spread the colours over the classes left.
    const shade = i => colours[breaks.length === 0 ? colours.length - 1 : Math.round(i * (colours.length - 1) / breaks.length)];
    const colour = v => shade(breaks.filter(b => v > b).length);

    window.equilibreCarte.charger(el, document.getElementById('carte-etat'), {
        empty: 'Aucun contour disponible pour ces communes (contours fournis pour le Grand Est uniquement).',
        style: data => {
            const counts = data.features.map(f => f.properties.logements || 0).sort((a, b) => a - b);
            breaks = [...new Set([0.2, 0.4, 0.6, 0.8].map(q => counts[Math.min(counts.length - 1, Math.floor(q * counts.length))]))]
                .filter(b => b < counts[counts.length - 1]);
            return f => ({ color: '#444', weight: 1, fillOpacity: 0.85, fillColor: colour(f.properties.logements || 0) });
        },
        tooltip: f => f.properties.nom + ' : ' + nf.format(f.properties.logements) + ' logement(s) dans ' + nf.format(f.properties.residences) + ' résidence(s)',
        legend: () => ({
            title: 'Logements',
            entries: breaks.concat([null]).map((b, i) => {
                const low = i === 0 ? 1 : breaks[i - 1] + 1;
                return {
                    colour: shade(i),
                    label: b === null ? nf.format(low) + ' et plus' : low === b ? nf.format(b) : nf.format(low) + ' à ' + nf.format(b)
                };
            })
        }),
        done: data => {
            el.dataset.communes = String(data.features.length);
            const missing = (data.sansContour || []).length;
            return nf.format(data.features.length) + ' commune(s) dessinée(s)'
                + (missing > 0 ? ', ' + nf.format(missing) + ' sans contour (commune créée depuis 2018 ou hors Grand Est).' : '.');
        }
    });
})();
