// The form helpers moved to the design system (src/ui/form.tsx); this path stays for existing imports.
export * from '../../ui/legacy-form';
