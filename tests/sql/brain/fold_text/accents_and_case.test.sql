-- One folding for every name match: case and Latin accents go, letters stay.
begin;
select plan(5);
select is(brain.fold_text('São Paulo'), 'sao paulo', 'ã folds to a');
select is(brain.fold_text('CAMPAÑA Médica'), 'campana medica', 'upper case and ñ, é fold');
select is(brain.fold_text('Straße Æsir Œuvre'), 'strasse aesir oeuvre', 'ß, æ and œ become two letters');
select is(brain.fold_text('Bogotá, D.C. #5'), 'bogota, d.c. #5', 'punctuation and digits stay');
select is(brain.fold_text(null), null, 'null in, null out');
select * from finish();
rollback;
