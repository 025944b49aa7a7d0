export default function SettingsPage() {
  return <p>Settings</p>;
}
