export const siteName = 'broken';
